// A UTF-8 export with a few bytes damaged in one cell: the file stays UTF-8 and only the row
// with the damaged cell is rejected, named by its line and column.

import { describe, expect, it } from 'vitest';
import { csvRows, importHarness } from './support.js';

const h = importHarness();

const file = Buffer.concat([
  Buffer.from('门店编码,门店名称,城市\r\n0001,静安寺店,上海\r\n0002,'),
  Buffer.from([0xff, 0xfe]),
  Buffer.from('徐家汇店,上海\r\n0003,西湖店,杭州\r\n'),
]);

describe('damaged bytes in a UTF-8 file', () => {
  it('imports the other rows as UTF-8 and rejects the damaged one', async () => {
    const result = await h.boh(['import', 'store', h.file('门店.csv', file), '--json']);
    expect(result.code, result.stderr).toBe(6);
    expect(JSON.parse(result.stdout).job.counts).toMatchObject({ created: 2, rejected: 1 });
    expect((await h.get<{ name: string }>('/stores/0001'))!.name).toBe('静安寺店');
    expect(await h.get('/stores/0002')).toBeUndefined();
  });

  it('names the line, the column and what to do', () => {
    const rows = csvRows(h.read('门店.errors.csv'));
    const reason = rows[1]!.at(-1)!;
    expect(reason).toContain('Line 3, column 2');
    expect(reason).toContain('门店名称');
    expect(reason).toContain('save the file as UTF-8');
  });
});
