import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';

import { openCsv, type CsvReadOptions } from '../../src/files/csv-reader.js';
import { UTF8_BOM, chunked, collect } from './helpers.js';

async function readCsv(content: string | Uint8Array, options: CsvReadOptions = {}, sizes: readonly number[] = [65536]) {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  const table = await openCsv(chunked(bytes, sizes), options);
  const rows = await collect(table.rows);
  return { table, rows };
}

const LINE_ENDS = [
  ['CRLF', '\r\n'],
  ['LF', '\n'],
  ['CR', '\r'],
] as const;

describe('openCsv line numbers', () => {
  for (const [name, eol] of LINE_ENDS) {
    it(`counts physical lines with ${name} line ends, embedded line breaks and blank lines`, async () => {
      const text = [
        'id,dish,amount',
        '1,"番茄炖牛腩' + eol + '(大份)",58',
        '',
        '2,"多行' + eol + eol + '备注",12',
        ',,',
        '3,米饭,2',
        '',
        '',
      ].join(eol);
      const { rows, table } = await readCsv(text);
      expect(rows.map((row) => row.line)).toEqual([1, 2, 5, 9]);
      expect(rows[1]!.cells).toEqual(['1', `番茄炖牛腩${eol}(大份)`, '58']);
      expect(rows[2]!.cells).toEqual(['2', `多行${eol}${eol}备注`, '12']);
      expect(rows[3]!.cells).toEqual(['3', '米饭', '2']);
      expect(table.issues).toEqual([]);
    });
  }

  it('ends records at every line end of a file that mixes them', async () => {
    const text = 'id,amount\r\n1,"1,088.00"\n2,5\r\n3,"x\ny"\r4,7\n总数,金额\r\n4,"1,100.00"\r\n';
    const { rows, table } = await readCsv(text, {}, [7]);
    expect(rows.map((row) => row.line)).toEqual([1, 2, 3, 4, 6, 7, 8]);
    expect(rows[1]!.cells).toEqual(['1', '1,088.00']);
    expect(rows[2]!.cells).toEqual(['2', '5']);
    expect(rows[3]!.cells).toEqual(['3', 'x\ny']);
    expect(rows[4]!.cells).toEqual(['4', '7']);
    expect(rows[6]!.cells).toEqual(['4', '1,100.00']);
    expect(table.issues).toEqual([]);
  });

  it('gives every record of any file the line it starts on', async () => {
    const field = fc.string({ unit: fc.constantFrom('a', '静', ',', '"', '\n', '\r', ' ', '1'), maxLength: 8 });
    const record = fc.array(field, { minLength: 3, maxLength: 3 });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(record, fc.nat({ max: 2 })), { minLength: 1, maxLength: 25 }),
        fc.constantFrom('\r\n', '\n', '\r'),
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 5 }),
        async (records, eol, sizes) => {
          // Serialise independently of the reader, tracking the physical line of each record.
          let text = 'a,b,c' + eol;
          let line = 2;
          const expected: { line: number; cells: string[] }[] = [{ line: 1, cells: ['a', 'b', 'c'] }];
          for (const [cells, blankLinesBefore] of records) {
            text += eol.repeat(blankLinesBefore);
            line += blankLinesBefore;
            const normalised = cells.map((cell) => cell.replace(/\r\n|\r|\n/g, eol));
            const quoted = normalised.map((cell) => (/[",\r\n ]/.test(cell) || cell === '' ? `"${cell.replace(/"/g, '""')}"` : cell));
            text += quoted.join(',') + eol;
            if (normalised.some((cell) => cell.trim() !== '')) expected.push({ line, cells: normalised });
            line += 1 + normalised.join('').split(eol).length - 1;
          }
          const { rows, table } = await readCsv(text, { delimiter: ',' }, sizes);
          expect(table.issues).toEqual([]);
          expect(rows).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('openCsv field counts', () => {
  const header = '交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号,商户单号,备注';

  it('reports a row with an extra field and keeps reading', async () => {
    const text = [
      header,
      '2024-01-05 12:30:11,商户消费,示例餐饮管理,有限公司,"午市套餐",支出,¥58.00,零钱,支付成功,4200000000202401050000000001,M20240105000001,/',
      '2024-01-05 18:02:40,商户消费,示例便利店,"矿泉水",支出,¥3.50,零钱,支付成功,4200000000202401050000000002,M20240105000002,/',
    ].join('\n');
    const { rows, table } = await readCsv(text);
    expect(rows.map((row) => row.line)).toEqual([1, 3]);
    expect(rows[1]!.cells[2]).toBe('示例便利店');
    expect(table.issues).toEqual([{ line: 2, code: 'csv_field_count', params: { line: 2, expected: 11, actual: 12 } }]);
  });

  it('reports a row with a missing field', async () => {
    const { rows, table } = await readCsv('a,b,c\n1,2\n3,4,5\n');
    expect(rows.map((row) => row.line)).toEqual([1, 3]);
    expect(table.issues).toEqual([{ line: 2, code: 'csv_field_count', params: { line: 2, expected: 3, actual: 2 } }]);
  });

  it('drops empty fields past the header, as trailing commas leave them', async () => {
    const { rows, table } = await readCsv('a,b\n1,2,\n3,4,,\n');
    expect(rows.map((row) => row.cells)).toEqual([['a', 'b'], ['1', '2'], ['3', '4']]);
    expect(table.issues).toEqual([]);
  });

  it('pads rows that stop before unnamed header columns', async () => {
    const { rows, table } = await readCsv('a,b,\n1,2\n3,4,x\n');
    expect(rows.map((row) => row.cells)).toEqual([['a', 'b', ''], ['1', '2', ''], ['3', '4', 'x']]);
    expect(table.issues).toEqual([]);
  });

  it('passes a preamble unchecked and checks rows against the recognised header', async () => {
    const text = ['微信支付账单明细', '共2笔记录', '----------', 'time,amount,id', '2024-01-05 12:30:11,¥58.00,1', '2024-01-06 09:15:02,¥3.50,2'].join('\r\n');
    const { rows, table } = await readCsv(text, { isHeader: (cells) => cells.includes('time') && cells.includes('id') });
    expect(rows.map((row) => row.line)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(table.headerLine).toBe(4);
    expect(table.issues).toEqual([]);
  });

  it('takes the first non-blank record as the header by default', async () => {
    const { table } = await readCsv('\n\na,b\n1,2\n');
    expect(table.headerLine).toBe(3);
  });
});

describe('openCsv quoting and trimming', () => {
  it('removes spaces and TABs around fields, as payment exports pad them', async () => {
    const { rows } = await readCsv('id,name\n"3985734"\t,  静安寺店  \n 0001 ,"  kept inside quotes "\n');
    expect(rows.slice(1).map((row) => row.cells)).toEqual([
      ['3985734', '静安寺店'],
      ['0001', '  kept inside quotes '],
    ]);
  });

  it('keeps quotes inside unquoted fields and doubled quotes inside quoted ones', async () => {
    const { rows, table } = await readCsv('a,b\n12" pizza,"say ""hi"""\n');
    expect(rows[1]!.cells).toEqual(['12" pizza', 'say "hi"']);
    expect(table.issues).toEqual([]);
  });

  it('reports text after a closing quote and stops', async () => {
    const { rows, table } = await readCsv('a,b\n1,"x"y\n2,3\n');
    expect(rows.map((row) => row.line)).toEqual([1]);
    expect(table.issues).toEqual([{ line: 2, code: 'csv_invalid_quote', params: { line: 2 } }]);
  });

  it('reports a quote never closed and stops', async () => {
    const { rows, table } = await readCsv('a,b\n1,2\n3,"open\n4,5\n6,7\n');
    expect(rows.map((row) => row.line)).toEqual([1, 2]);
    expect(table.issues).toEqual([{ line: 3, code: 'csv_unclosed_quote', params: { line: 3 } }]);
  });

  it('stops at an oversized record', async () => {
    const text = `a,b\n1,2\n3,"${'x'.repeat(5000)}\n`;
    const { rows, table } = await readCsv(text, { maxRecordChars: 1000 });
    expect(rows.map((row) => row.line)).toEqual([1, 2]);
    expect(table.issues).toEqual([{ line: 3, code: 'csv_record_too_large', params: { line: 3, maxChars: 1000 } }]);
  });
});

describe('openCsv encodings and delimiters', () => {
  it('reads a UTF-8 file with BOM byte by byte', async () => {
    const bytes = Buffer.concat([UTF8_BOM, Buffer.from('门店编码,门店名称\r\n0001,静安寺店\r\n')]);
    const { rows, table } = await readCsv(bytes, {}, [1]);
    expect(rows[0]!.cells).toEqual(['门店编码', '门店名称']);
    expect(rows[1]!.cells).toEqual(['0001', '静安寺店']);
    expect(table.encoding).toBe('utf-8');
  });

  it('reads GBK whose first Chinese character comes after 70 KB', async () => {
    const filler = Array.from({ length: 10_000 }, (_, index) => `${index},ok`).join('\r\n');
    const bytes = iconv.encode(`id,note\r\n${filler}\r\n10000,静安寺店\r\n`, 'gbk');
    expect(bytes.findIndex((byte) => byte >= 0x80)).toBeGreaterThan(70 * 1024);
    const { rows, table } = await readCsv(bytes, {}, [4096]);
    expect(rows.at(-1)).toEqual({ line: 10_002, cells: ['10000', '静安寺店'] });
    expect(table.encoding).toBe('gb18030');
  });

  it('reads a UTF-16LE "Unicode text" export with TABs', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('门店\t金额\r\n静安寺店\t12.50\r\n', 'utf16le')]);
    const { rows, table } = await readCsv(bytes, {}, [3]);
    expect(table.delimiter).toBe('\t');
    expect(rows.map((row) => row.cells)).toEqual([['门店', '金额'], ['静安寺店', '12.50']]);
  });

  it('uses an explicit encoding and delimiter', async () => {
    const bytes = iconv.encode('门店;金额\n静安寺店;12,50\n', 'gbk');
    const { rows, table } = await readCsv(bytes, { encoding: 'gbk', delimiter: ';' });
    expect(rows[1]!.cells).toEqual(['静安寺店', '12,50']);
    expect(table.encoding).toBe('gbk');
  });

  it('reports bytes invalid in the declared encoding for the whole file', async () => {
    const bytes = iconv.encode('门店,金额\n静安寺店,1\n', 'gbk');
    const { table } = await readCsv(bytes, { encoding: 'utf-8' });
    expect(table.issues).toEqual([{ line: 0, code: 'encoding_invalid_bytes', params: { encoding: 'utf-8' } }]);
  });
});

describe('openCsv iteration', () => {
  it('closes the source when the reader stops early', async () => {
    let closed = false;
    async function* source() {
      try {
        for (let index = 0; index < 100_000; index += 1) yield Buffer.from(`${index},x\n`);
      } finally {
        closed = true;
      }
    }
    const table = await openCsv(source());
    for await (const row of table.rows) if (row.line === 10) break;
    expect(closed).toBe(true);
  });

  it('refuses a second iteration', async () => {
    const table = await openCsv(chunked(Buffer.from('a\n1\n'), [10]));
    await collect(table.rows);
    await expect(collect(table.rows)).rejects.toThrow('only once');
  });
});
