import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';

import { StreamingDecoder, decodeStream, resolveEncodingName } from '../../src/files/encoding.js';
import { TableReadError } from '../../src/files/issues.js';
import { UTF8_BOM, chunked } from './helpers.js';

async function decodeAll(bytes: Uint8Array, sizes: readonly number[], encoding?: string) {
  const decoder = new StreamingDecoder(encoding === undefined ? {} : { encoding });
  let text = '';
  for await (const piece of decodeStream(chunked(bytes, sizes), decoder)) text += piece;
  return { text, encoding: decoder.encoding, invalid: decoder.invalidBytes, bom: decoder.bom };
}

const CHINESE = '门店编码,门店名称,营业日,销售额\r\n0001,静安寺店,2024-01-05,1280.50\r\n';
const gbk = (text: string) => iconv.encode(text, 'gbk');
const gb18030 = (text: string) => iconv.encode(text, 'gb18030');

describe('StreamingDecoder', () => {
  const cases: [string, Uint8Array, string, string][] = [
    ['UTF-8 with BOM', Buffer.concat([UTF8_BOM, Buffer.from(CHINESE)]), CHINESE, 'utf-8'],
    ['UTF-8 without BOM', Buffer.from(CHINESE), CHINESE, 'utf-8'],
    ['GBK', gbk(CHINESE), CHINESE, 'gb18030'],
    ['GB18030 four-byte character', gb18030('𠮷野家,€,㐀\n'), '𠮷野家,€,㐀\n', 'gb18030'],
    ['UTF-16LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CHINESE, 'utf16le')]), CHINESE, 'utf-16le'],
    ['UTF-16BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(CHINESE, 'utf-16be')]), CHINESE, 'utf-16be'],
    ['UTF-16LE without BOM', Buffer.from('store,name\n', 'utf16le'), 'store,name\n', 'utf-16le'],
    ['ASCII only', Buffer.from('a,b\n1,2\n'), 'a,b\n1,2\n', 'utf-8'],
    ['single byte', Buffer.from('a'), 'a', 'utf-8'],
    ['BOM only', UTF8_BOM, '', 'utf-8'],
  ];

  for (const sizes of [[1 << 20], [1], [2], [3], [7, 1, 5]]) {
    it.each(cases)(`decodes %s in chunks of ${sizes.join('/')}`, async (_name, bytes, text, encoding) => {
      const decoded = await decodeAll(bytes, sizes);
      expect(decoded.text).toBe(text);
      expect(decoded.encoding).toBe(encoding);
      expect(decoded.invalid).toBe(false);
    });
  }

  it('removes the BOM so the first header starts with 门', async () => {
    const { text } = await decodeAll(Buffer.concat([UTF8_BOM, Buffer.from(CHINESE)]), [1]);
    expect(text.codePointAt(0)).toBe(0x95e8);
  });

  it('detects GBK whose first non-ASCII byte comes after 70 KB of ASCII', async () => {
    const ascii = 'order,amount\n'.padEnd(70 * 1024, 'x') + '\n';
    const bytes = gbk(`${ascii}0001,静安寺店\n`);
    for (const sizes of [[65536], [4096], [1000, 3]]) {
      const decoded = await decodeAll(bytes, sizes);
      expect(decoded.encoding).toBe('gb18030');
      expect(decoded.text).toBe(`${ascii}0001,静安寺店\n`);
    }
  });

  it('keeps UTF-8 when one cell has bytes that are not UTF-8', async () => {
    const damaged = Buffer.concat([Buffer.from(CHINESE), Buffer.from('0002,'), Buffer.from([0xff, 0xfe]), Buffer.from(',2024-01-05,9.00\r\n')]);
    const decoded = await decodeAll(damaged, [1 << 20]);
    expect(decoded.encoding).toBe('utf-8');
    expect(decoded.invalid).toBe(true);
    expect(decoded.text).toContain('静安寺店');
    expect(decoded.text).toContain('0002,\uFFFD\uFFFD,');
  });

  // A few GBK characters can happen to be valid UTF-8; a line of a dozen cannot.
  it('reads a dozen or more GBK characters as GB18030 however they combine', async () => {
    const common = '门店编码名称营业日销售额静安寺徐家汇浦东新区北京上海杭州咖啡拿铁牛奶纸杯白砂糖矿泉水订单支付微信宝现金退款手续费合计金额数量单价优惠渠道堂食外带外卖美团饿了么';
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: common.length - 1 }), { minLength: 12, maxLength: 300 }), async (indexes) => {
        const text = `${indexes.map((index) => common[index]).join('')}\n`;
        const decoded = await decodeAll(gbk(text), [1 << 20]);
        expect(decoded.encoding).toBe('gb18030');
        expect(decoded.text).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('detects UTF-8 whose first non-ASCII byte comes after 70 KB of ASCII', async () => {
    const text = `${'x'.repeat(70 * 1024)}\n静安寺店\n`;
    const decoded = await decodeAll(Buffer.from(text), [65536]);
    expect(decoded).toEqual({ text, encoding: 'utf-8', invalid: false, bom: undefined });
  });

  it('reports undefined while only ASCII has been read', () => {
    const decoder = new StreamingDecoder();
    expect(decoder.write(Buffer.from('a,b\n'.repeat(1000)))).toBe('a,b\n'.repeat(1000));
    expect(decoder.encoding).toBeUndefined();
    decoder.write(gbk('静'));
    expect(decoder.end()).toBe('静');
    expect(decoder.encoding).toBe('gb18030');
  });

  it('keeps a 3-byte character split at every position across chunks', async () => {
    const bytes = Buffer.from('ab静安寺cd');
    for (let cut = 1; cut < bytes.length; cut += 1) {
      const decoded = await decodeAll(bytes, [cut, bytes.length]);
      expect(decoded.text).toBe('ab静安寺cd');
    }
  });

  it('keeps a 4-byte character split across chunks', async () => {
    const decoded = await decodeAll(Buffer.from('𠮷野家😀'), [1, 2, 1, 3]);
    expect(decoded.text).toBe('𠮷野家😀');
  });

  it('decodes any text in any chunking exactly', async () => {
    const text = fc.string({ unit: fc.constantFrom('门', '店', '静', '安', 'a', '1', ',', '\n', '"', '€', '。', '　'), maxLength: 200 });
    await fc.assert(
      fc.asyncProperty(
        text,
        fc.constantFrom('utf-8', 'gb18030', 'utf-16le'),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 10 }),
        async (content, encoding, sizes) => {
          const bom = encoding === 'utf-16le' ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0);
          const bytes = Buffer.concat([bom, iconv.encode(content, encoding)]);
          const decoded = await decodeAll(bytes, sizes);
          expect(decoded.text).toBe(content);
          // Text that is all ASCII, or valid in both, may be reported as UTF-8.
          if (encoding !== 'utf-8' && /[^\x00-\x7f]/.test(content)) expect(decoded.encoding).toBe(encoding);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('uses an explicit encoding and strips its BOM', async () => {
    const utf8 = await decodeAll(Buffer.concat([UTF8_BOM, Buffer.from('静')]), [1], 'utf8');
    expect(utf8).toEqual({ text: '静', encoding: 'utf-8', invalid: false, bom: 'utf-8' });
    const declaredGbk = await decodeAll(gbk('静安寺'), [2], 'GBK');
    expect(declaredGbk.text).toBe('静安寺');
    expect(declaredGbk.encoding).toBe('gbk');
  });

  it('flags bytes that are invalid in the chosen encoding', async () => {
    const decoded = await decodeAll(gbk('静安寺店'), [1 << 20], 'utf-8');
    expect(decoded.invalid).toBe(true);
    expect(decoded.text).toContain('\uFFFD');
  });

  it('flags a UTF-8 file cut inside its last character', async () => {
    const bytes = Buffer.from('静安');
    const decoded = await decodeAll(bytes.subarray(0, bytes.length - 1), [2]);
    expect(decoded.invalid).toBe(true);
  });

  it('reports a BOM that contradicts the requested encoding', () => {
    const decoder = new StreamingDecoder({ encoding: 'gbk' });
    decoder.write(Buffer.concat([UTF8_BOM, Buffer.from('abcd')]));
    decoder.end();
    expect(decoder.bomConflict).toBe(true);
  });
});

describe('resolveEncodingName', () => {
  it.each([
    ['UTF8', 'utf-8'],
    ['cp936', 'gbk'],
    ['GB2312', 'gbk'],
    ['gb18030', 'gb18030'],
    ['UTF-16LE', 'utf-16le'],
    ['ucs2', 'utf-16le'],
    ['big5', 'big5'],
  ])('%s → %s', (name, canonical) => {
    expect(resolveEncodingName(name)).toBe(canonical);
  });

  it('raises encoding_unknown for an unknown name', () => {
    expect(() => resolveEncodingName('klingon')).toThrow(TableReadError);
    try {
      resolveEncodingName('klingon');
    } catch (error) {
      expect((error as TableReadError).code).toBe('encoding_unknown');
    }
  });
});
