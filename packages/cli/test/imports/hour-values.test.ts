import { describe, expect, it } from 'vitest';
import type { FieldSpec } from '../../src/imports/field-spec.js';
import { readValue } from '../../src/imports/values.js';
import type { Cell } from '../../src/files/types.js';

const HOUR: FieldSpec = { field: 'hour', label: { en: 'Hour', 'zh-CN': '小时' }, aliases: [], yuanAliases: [], kind: 'hour', required: false, nullable: true, readOnly: false };

describe('hour cells', () => {
  it.each<[Cell, number | null]>([
    [10, 10],
    ['9', 9],
    ['09:00', 9],
    ['10:00:00', 10],
    ['10时', 10],
    ['10点', 10],
    ['１０：００', 10],
    ['10:00-11:00', 10],
    ['10:00 ~ 11:00', 10],
    ['10时至11时', 10],
    ['10–11', 10],
    ['23:00-24:00', 23],
    ['23:00-00:00', 23],
    [{ kind: 'excel-date', serial: 0.5, text: '1899-12-31T12:00:00' }, 12],
    [{ kind: 'excel-date', serial: 0, text: '1899-12-31' }, 0],
    [{ kind: 'excel-date', serial: 46_327 + 10 / 24, text: '2026-11-01T10:00:00' }, 10],
    ['', null],
  ])('reads %j as %j', (cell, hour) => {
    expect(readValue(cell, HOUR, {})).toEqual({ ok: true, value: hour });
  });

  it.each<[Cell, string]>([
    [10.5, 'hour_invalid'],
    ['10:30', 'hour_invalid'],
    ['上午', 'hour_invalid'],
    [{ kind: 'excel-date', serial: 0.4375, text: '1899-12-31T10:30:00' }, 'hour_invalid'],
    [{ kind: 'excel-date', serial: 46_327, text: '2026-11-01' }, 'hour_invalid'],
    ['10:00-12:00', 'hour_slot_invalid'],
    ['11:00-10:00', 'hour_slot_invalid'],
  ])('rejects %j', (cell, code) => {
    expect(readValue(cell, HOUR, {})).toMatchObject({ ok: false, code });
  });
});
