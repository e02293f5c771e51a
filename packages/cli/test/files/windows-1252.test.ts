import { describe, expect, it } from 'vitest';
import { repairWindows1252Controls } from '../../src/files/windows-1252.js';

describe('repairWindows1252Controls', () => {
  const cases: [string, string, boolean][] = [
    ['King\u0092s Road', 'King’s Road', true],
    ['León \u0096 Querétaro', 'León – Querétaro', true],
    ['\u0093quoted\u0094 \u0080 5', '“quoted” € 5', true],
    ['plain 静安寺店', 'plain 静安寺店', false],
    ['undefined \u0081 byte', 'undefined \u0081 byte', false],
  ];
  it.each(cases)('%j → %j', (given, want, repaired) => {
    expect(repairWindows1252Controls(given)).toEqual({ text: want, repaired });
  });
});
