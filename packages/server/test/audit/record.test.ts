import { describe, expect, it } from 'vitest';
import { creationChanges, creationChangesJson } from '../../src/audit/record.js';

describe('creationChangesJson', () => {
  it('matches the JSON of creationChanges', () => {
    const records: Record<string, unknown>[] = [
      { code: 'S001', name: '广州人民路站前店', brand: null, latitude: 35.7666, seats: 0, active: true, version: 1, created_at: 'now', updated_at: 'now' },
      { code: 'with "quotes"', name: 'back\\slash\nline', components: [{ item_code: 'MILK', quantity: '0.25' }], sellable: false, note: undefined },
      { code: '😀', 'odd "field"': 'tab\there', amount_fen: -1234 },
      {},
      { version: 2, created_at: 'then' },
    ];
    for (const record of records) expect(creationChangesJson(record)).toBe(JSON.stringify(creationChanges(record)));
  });
});
