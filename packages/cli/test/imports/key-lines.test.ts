import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { KeyLines } from '../../src/imports/key-lines.js';
import { RecordAssembler } from '../../src/imports/records.js';

/** Keys of several scripts and lengths, as order keys and codes come. */
function keyOf(index: number): string {
  const kinds = [`["B${String(index).padStart(8, '0')}","S001"]`, `门店${index}`, `${index}`, `key with spaces ${index} ¥`, `${'x'.repeat(index % 300)}${index}`];
  return kinds[index % kinds.length]!;
}

describe('KeyLines', () => {
  it('returns what a Map returns', () => {
    const keys = new KeyLines();
    const expected = new Map<string, number>();
    for (let index = 0; index < 100_000; index += 1) {
      keys.set(keyOf(index), index + 1);
      expected.set(keyOf(index), index + 1);
    }
    // Setting a key again replaces its line.
    for (let index = 0; index < 1000; index += 7) {
      keys.set(keyOf(index), 5);
      expected.set(keyOf(index), 5);
    }

    expect(keys.size).toBe(expected.size);
    for (let index = 0; index < 100_000; index += 1) expect(keys.get(keyOf(index))).toBe(expected.get(keyOf(index)));
    expect(keys.get('missing')).toBeUndefined();
    expect(keys.get('')).toBeUndefined();
  });

  it('forgets every key on clear', () => {
    const keys = new KeyLines();
    for (let index = 0; index < 5000; index += 1) keys.set(keyOf(index), index + 1);
    keys.clear();

    expect(keys.size).toBe(0);
    expect(keys.get(keyOf(1))).toBeUndefined();
    keys.set(keyOf(1), 9);
    expect(keys.get(keyOf(1))).toBe(9);
  });

  it('rejects a line that is not positive', () => {
    const keys = new KeyLines();
    expect(() => keys.set('a', 0)).toThrow(RangeError);
    expect(() => keys.set('a', 1.5)).toThrow(RangeError);
    expect(keys.size).toBe(0);
  });
});

describe('RecordAssembler memory', () => {
  it('keeps sent keys off the heap', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const assembler = new RecordAssembler('lines', ['order_no', 'store_code'], 2);
    const row = (index: number) => ({ parent: { order_no: `B${String(index).padStart(8, '0')}`, store_code: 'S001' }, child: { menu_item_code: 'M1' }, issues: [] });

    gc();
    const before = process.memoryUsage().heapUsed;
    for (let index = 1; index <= 200_000; index += 1) assembler.add({ line: index + 1, cells: [] }, row(index));
    gc();
    const grown = process.memoryUsage().heapUsed - before;

    // A Map of these 200,000 keys takes about 15 MB of heap.
    expect(grown).toBeLessThan(4 * 1024 * 1024);

    // A line of the fifth order, sent long before, is still recognised.
    assembler.add({ line: 300_000, cells: [] }, row(5));
    const stray = assembler.finish().find((record) => record.line === 300_000);
    expect(stray?.issues.map((issue) => issue.code)).toEqual(['group_not_contiguous']);
  });
});
