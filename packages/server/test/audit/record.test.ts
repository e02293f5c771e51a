import { describe, expect, it } from 'vitest';
import { creationChanges, creationChangesJson, parseStoredChanges } from '../../src/audit/record.js';

const RECORDS: Record<string, unknown>[] = [
  { code: 'S001', name: '广州人民路站前店', brand: null, latitude: 35.7666, seats: 0, active: true, version: 1, created_at: 'now', updated_at: 'now' },
  { code: 'with "quotes"', name: 'back\\slash\nline', components: [{ item_code: 'MILK', quantity: '0.25' }], sellable: false, note: undefined },
  { code: '😀', 'odd "field"': 'tab\there', amount_fen: -1234 },
  {},
  { version: 2, created_at: 'then' },
];

describe('stored creation changes', () => {
  it('read back as creationChanges', () => {
    for (const record of RECORDS) expect(parseStoredChanges(creationChangesJson(record))).toEqual(creationChanges(record));
  });

  it('keep the field order', () => {
    const fields = parseStoredChanges(creationChangesJson(RECORDS[0]!)).map((change) => change.field);
    expect(fields).toEqual(['code', 'name', 'latitude', 'seats', 'active']);
  });

  it('read a stored list unchanged', () => {
    const changes = [{ field: 'city', before: '上海', after: '北京' }];
    expect(parseStoredChanges(JSON.stringify(changes))).toEqual(changes);
  });
});
