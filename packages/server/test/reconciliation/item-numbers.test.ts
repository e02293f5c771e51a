import { describe, expect, it } from 'vitest';
import { numberItems } from '../../src/reconciliation/settled-items.js';
import type { ReconciliationItemTable } from '../../src/reconciliation/tables.js';

const row = (posRefs: string, lineRefs: string) => ({ item_id: 0, pos_refs: posRefs, line_refs: lineRefs }) as ReconciliationItemTable;

describe('numberItems', () => {
  it('gives the same records their old id', () => {
    const rows = [row('0001/A-3/1', ''), row('', 'stm_1:4')];
    const previous = new Map([['|stm_1:4', 7], ['0001/A-3/1|', 4]]);
    expect(numberItems(rows, previous, 9)).toBe(9);
    expect(rows.map((r) => r.item_id)).toEqual([4, 7]);
  });

  it('numbers new groups after the highest id ever given', () => {
    // Item 12 was deleted by an earlier run; its id is not given again.
    const rows = [row('0001/A-3/1', 'stm_1:4'), row('0001/A-4/1', '')];
    const previous = new Map([['0001/A-3/1|', 4], ['|stm_1:4', 7]]);
    expect(numberItems(rows, previous, 12)).toBe(14);
    expect(rows.map((r) => r.item_id)).toEqual([13, 14]);
  });
});
