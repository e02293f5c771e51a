import { describe, expect, it } from 'vitest';
import { RecordAssembler } from '../../src/imports/records.js';

const row = (code: string, component: string) => ({ parent: { code, name: code }, child: { code: component }, issues: [] });

describe('RecordAssembler', () => {
  it('gathers lines of a record within the window', () => {
    const assembler = new RecordAssembler('components', 'code', 3);
    const out = [
      ...assembler.add({ line: 2, cells: [] }, row('A', 'x')),
      ...assembler.add({ line: 3, cells: [] }, row('B', 'y')),
      ...assembler.add({ line: 4, cells: [] }, row('A', 'z')),
      ...assembler.finish(),
    ];
    expect(out.map((record) => [record.line, record.fields.components, record.childLines])).toEqual([
      [2, [{ code: 'x' }, { code: 'z' }], [2, 4]],
      [3, [{ code: 'y' }], [3]],
    ]);
  });

  it('rejects a line of a record sent before', () => {
    const assembler = new RecordAssembler('components', 'code', 2);
    const out = [
      ...assembler.add({ line: 2, cells: [] }, row('A', 'x')),
      ...assembler.add({ line: 3, cells: [] }, row('B', 'y')),
      ...assembler.add({ line: 4, cells: [] }, row('C', 'y')),
      ...assembler.add({ line: 5, cells: [] }, row('A', 'z')),
      ...assembler.finish(),
    ];
    expect(out.map((record) => record.line)).toEqual([2, 3, 4, 5]);
    expect(out[3]!.issues).toEqual([{ line: 5, field: 'code', code: 'group_not_contiguous', params: { value: 'A', first: 2, window: 2 } }]);
  });

  it('flags a record whose own columns differ between its lines', () => {
    const assembler = new RecordAssembler('components', 'code');
    assembler.add({ line: 2, cells: [] }, row('A', 'x'));
    assembler.add({ line: 3, cells: [] }, { parent: { code: 'A', name: 'other' }, child: { code: 'y' }, issues: [] });
    const [record] = assembler.finish();
    expect(record!.issues).toEqual([{ line: 3, field: 'name', code: 'group_field_differs', params: { field: 'name', first: 2 } }]);
  });

  it('reads blank later cells as repeats', () => {
    const assembler = new RecordAssembler('components', 'code');
    assembler.add({ line: 2, cells: [] }, { parent: { code: 'A', name: 'A', price_fen: 2800 }, child: { code: 'x' }, issues: [] });
    assembler.add({ line: 3, cells: [] }, { parent: { code: 'A', name: null, price_fen: null }, child: { code: 'y' }, issues: [] });
    const [record] = assembler.finish();
    expect(record!.issues).toEqual([]);
    expect(record!.fields).toEqual({ code: 'A', name: 'A', price_fen: 2800, components: [{ code: 'x' }, { code: 'y' }] });
  });

  it('keys orders by number and store', () => {
    const line = (store: string, item: string) => ({ parent: { order_no: '1001', store_code: store }, child: { menu_item_code: item }, issues: [] });
    const assembler = new RecordAssembler('lines', ['order_no', 'store_code']);
    const out = [
      ...assembler.add({ line: 2, cells: [] }, line('S01', 'LATTE')),
      ...assembler.add({ line: 3, cells: [] }, line('S02', 'MOCHA')),
      ...assembler.add({ line: 4, cells: [] }, line('S01', 'TEA')),
      ...assembler.finish(),
    ];
    expect(out.map((record) => [record.fields.store_code, record.childLines])).toEqual([
      ['S01', [2, 4]],
      ['S02', [3]],
    ]);
    expect(out.flatMap((record) => record.issues)).toEqual([]);
  });

  it('keys refunds apart by refund number', () => {
    const line = (refund: string | null, item: string) => ({ parent: { order_no: 'T-1', store_code: 'S01', refund_no: refund }, child: { menu_item_code: item }, issues: [] });
    const assembler = new RecordAssembler('lines', [['refund_no', 'order_no'], 'store_code']);
    const out = [
      ...assembler.add({ line: 2, cells: [] }, line(null, 'LATTE')),
      ...assembler.add({ line: 3, cells: [] }, line('RF-1', 'LATTE')),
      ...assembler.add({ line: 4, cells: [] }, line(null, 'MOCHA')),
      ...assembler.add({ line: 5, cells: [] }, line('RF-1', 'MOCHA')),
      ...assembler.finish(),
    ];
    expect(out.map((record) => [record.fields.refund_no, record.childLines])).toEqual([
      [null, [2, 4]],
      ['RF-1', [3, 5]],
    ]);
    expect(out.flatMap((record) => record.issues)).toEqual([]);
  });
});

describe('RecordAssembler continuation rows', () => {
  const blank = (component: string) => ({ parent: { code: null, name: null }, child: { code: component }, issues: [] });

  it('adds a row without record cells to the record above', () => {
    const assembler = new RecordAssembler('components', 'code');
    assembler.add({ line: 5, cells: [] }, row('1009', 'x'));
    assembler.add({ line: 6, cells: [] }, blank('y'));
    assembler.add({ line: 7, cells: [] }, row('1010', 'z'));
    const records = assembler.finish();
    expect(records.map((record) => [record.line, record.fields.components, record.childLines])).toEqual([
      [5, [{ code: 'x' }, { code: 'y' }], [5, 6]],
      [7, [{ code: 'z' }], [7]],
    ]);
  });

  it('keeps a keyless row with record cells apart', () => {
    const assembler = new RecordAssembler('components', 'code');
    assembler.add({ line: 2, cells: [] }, row('A', 'x'));
    assembler.add({ line: 3, cells: [] }, { parent: { code: null, name: 'other' }, child: { code: 'y' }, issues: [] });
    expect(assembler.finish().map((record) => record.line)).toEqual([2, 3]);
  });

  it('keeps a first keyless row as its own record', () => {
    const assembler = new RecordAssembler('components', 'code');
    assembler.add({ line: 2, cells: [] }, blank('y'));
    expect(assembler.finish().map((record) => record.line)).toEqual([2]);
  });
});

describe('RecordAssembler continuation rows of orders', () => {
  const line = (order: string | null, store: string | null, menuItem: string) => ({ parent: { order_number: order, store_code: store }, child: { menu_item_code: menuItem }, issues: [] });

  it('continues an order whose number is on its first line only', () => {
    const assembler = new RecordAssembler('lines', ['order_number', 'store_code']);
    assembler.add({ line: 2, cells: [] }, line('S1', '0001', 'LATTE'));
    assembler.add({ line: 3, cells: [] }, line(null, '0001', 'BAGEL'));
    assembler.add({ line: 4, cells: [] }, line(null, '0002', 'MOCHA'));
    const records = assembler.finish();
    expect(records.map((record) => [record.line, record.childLines])).toEqual([
      [2, [2, 3]],
      [4, [4]],
    ]);
  });
});
