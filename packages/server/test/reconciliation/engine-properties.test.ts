// Property test: random POS payments and their statement lines with injected faults. Every
// fault must come out in its state, with exactly its records, and nothing else may be flagged.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchRecords } from '../../src/reconciliation/engine.js';
import type { LineRecord, PosRecord } from '../../src/reconciliation/records.js';
import { line, pos } from './records.js';

const FAULTS = ['none', 'no_ids', 'dropped_line', 'dropped_pos', 'fee_difference', 'small_difference', 'duplicate', 'shifted', 'split'] as const;
type Fault = (typeof FAULTS)[number];

const MINUTE = 60_000;

/** Shanghai wall-clock time on a January day, as a UTC ISO instant. */
function at(day: number, minutes: number): string {
  return new Date(Date.UTC(2024, 0, day) - 8 * 60 * MINUTE + minutes * MINUTE).toISOString();
}

interface Case {
  pos: PosRecord[];
  lines: LineRecord[];
  expected: string[];
}

function build(specs: readonly { amount: number; fault: Fault }[]): Case {
  const records: PosRecord[] = [];
  const lines: LineRecord[] = [];
  const expected: string[] = [];
  specs.forEach(({ amount, fault }, i) => {
    const day = 1 + (i % 28);
    const slot = 60 + Math.floor(i / 28) * 10;
    const ids = { transactionId: `T${i}`, merchantOrderNumber: `M${i}` };
    const p = pos(`p${i}`, amount, at(day, slot), ids);
    const l = line(`s:${i}`, amount, at(day, slot), ids);
    switch (fault) {
      case 'none':
        records.push(p);
        lines.push(l);
        break;
      case 'no_ids':
        records.push(pos(`p${i}`, amount, at(day, slot)));
        lines.push(line(`s:${i}`, amount, at(day, slot + 1)));
        break;
      case 'dropped_line':
        records.push(p);
        expected.push(`missing_in_statement|p${i}|`);
        break;
      case 'dropped_pos':
        lines.push(l);
        expected.push(`missing_in_pos||s:${i}`);
        break;
      case 'fee_difference':
        records.push(p);
        lines.push(line(`s:${i}`, amount - 35, at(day, slot), ids));
        expected.push(`amount_mismatch|p${i}|s:${i}`);
        break;
      case 'small_difference':
        records.push(p);
        lines.push(line(`s:${i}`, amount + 1, at(day, slot), ids));
        expected.push(`written_off|p${i}|s:${i}`);
        break;
      case 'duplicate':
        records.push(p);
        lines.push(l, line(`s:${i}b`, amount, at(day, slot), ids));
        expected.push(`duplicate||s:${i}b`);
        break;
      case 'shifted':
        records.push(pos(`p${i}`, amount, at(day, 24 * 60 - 1), ids));
        lines.push(line(`s:${i}`, amount, at(day + 1, 0.05), ids));
        expected.push(`timing_difference|p${i}|s:${i}`);
        break;
      case 'split': {
        const first = Math.floor(amount / 2);
        records.push(pos(`p${i}`, amount, at(day, slot), { merchantOrderNumber: `M${i}` }));
        lines.push(line(`s:${i}a`, first, at(day, slot), { transactionId: `T${i}a`, merchantOrderNumber: `M${i}` }));
        lines.push(line(`s:${i}b`, amount - first, at(day, slot), { transactionId: `T${i}b`, merchantOrderNumber: `M${i}` }));
        break;
      }
    }
  });
  return { pos: records, lines, expected };
}

describe('matching with injected faults', () => {
  it('finds every fault in its state and flags nothing else', () => {
    const spec = fc.record({ amount: fc.integer({ min: 100, max: 1_000_000 }), fault: fc.constantFrom(...FAULTS) });
    fc.assert(
      fc.property(fc.array(spec, { minLength: 1, maxLength: 120 }), (specs) => {
        const input = build(specs);
        const items = matchRecords(input.pos, input.lines, { toleranceFen: 1, windowSeconds: 300 });

        const flagged = items.filter((item) => item.state !== 'matched').map((item) => `${item.state}|${item.pos.map((p) => p.key).join(',')}|${item.lines.map((l) => l.key).join(',')}`);
        expect(flagged.sort()).toEqual([...input.expected].sort());

        const seen = items.flatMap((item) => [...item.pos.map((p) => p.key), ...item.lines.map((l) => l.key)]);
        expect(seen.sort()).toEqual([...input.pos.map((p) => p.key), ...input.lines.map((l) => l.key)].sort());
      }),
      { numRuns: 200 },
    );
  });
});
