import { describe, expect, it } from 'vitest';

import { checkDelimiter, detectDelimiter } from '../../src/files/delimiter.js';
import { TableReadError } from '../../src/files/issues.js';

describe('detectDelimiter', () => {
  it.each<[string, string, string]>([
    ['commas', 'a,b,c\n1,2,3\n4,5,6\n', ','],
    ['semicolons with decimal commas', 'a;b;c\n1,5;2,5;3\n4;5,25;6\n', ';'],
    ['TABs with commas in text', 'name\tnote\tamount\n静安寺店\ta, b, c\t12.00\n徐家汇店\tnone\t3.50\n', '\t'],
    ['pipes', 'a|b|c\n1|2|3\n', '|'],
    ['CR line ends', 'a;b\r1;2\r3;4\r', ';'],
    ['commas inside quotes do not count', 'a;b\n"1,2,3";4\n"5,6,7";8\n', ';'],
    ['quoted field with a line break', 'a,b\n"x\ny",1\n2,3\n', ','],
    ['one column', 'name\n静安寺店\n徐家汇店\n', ','],
    [
      'payment bill with a preamble',
      '微信支付账单明细\n微信昵称：[测试]\n共2笔记录\n交易时间,交易类型,金额\n2024-01-05 12:30:11,商户消费,¥58.00\n2024-01-06 09:15:02,商户消费,¥3.50\n',
      ',',
    ],
  ])('finds %s', (_name, sample, expected) => {
    expect(detectDelimiter(sample, true)).toBe(expected);
  });

  it('ignores a last line cut off by the end of the sample', () => {
    expect(detectDelimiter('a;b;c\n1;2;3\n4;5;6\n7|8|9|1|2|3|4', false)).toBe(';');
  });
});

describe('checkDelimiter', () => {
  it('accepts the four supported delimiters', () => {
    for (const delimiter of [',', ';', '\t', '|']) expect(checkDelimiter(delimiter)).toBe(delimiter);
  });

  it('raises delimiter_invalid for others', () => {
    expect(() => checkDelimiter('::')).toThrow(TableReadError);
  });
});
