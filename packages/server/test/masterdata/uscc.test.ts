import { describe, expect, it } from 'vitest';
import { normaliseUscc, usccCheckCharacter, usccProblem } from '../../src/masterdata/uscc.js';

// Valid codes: the worked example of GB 32100-2015 (91350100M000100Y43; its example of a wrong
// check character, 91350100M000100Y4Z, ends in Z, which is outside the character set), Huawei Technologies Co., Ltd. (914403001922038216, as
// shown on its Chinese Wikipedia page), and codes published online that python-stdnum's tests
// (tests/test_cn_uscc.doctest) collect. The invalid codes each change one character of a valid one.
const VALID = [
  '91350100M000100Y43',
  '914403001922038216',
  '91110000600037341L',
  '9144030071526726XG',
  '91310115MA1K3BTP2B',
  '121200004013590816',
  '91620105L015101280',
  '92340602MA2PBMEM24',
];

describe('usccProblem', () => {
  it.each(VALID)('accepts %s', (code) => {
    expect(usccProblem(code)).toBeUndefined();
  });

  const invalid: { code: string; want: { messageKey: string; params: Record<string, unknown> } }[] = [
    { code: '91350100M000100Y4Z', want: { messageKey: 'field.uscc_charset', params: { position: 18, char: 'Z' } } },
    { code: '914403001922038217', want: { messageKey: 'field.uscc_check_digit', params: { actual: '7', expected: '6' } } },
    { code: '914403001922038316', want: { messageKey: 'field.uscc_check_digit', params: { actual: '6', expected: '7' } } },
    { code: '91110000600037314L', want: { messageKey: 'field.uscc_check_digit', params: { actual: 'L', expected: 'T' } } },
    { code: '91310115MA1K3BPT2B', want: { messageKey: 'field.uscc_check_digit', params: { actual: 'B', expected: 'D' } } },
    { code: '91310115MA1K3BTP2C', want: { messageKey: 'field.uscc_check_digit', params: { actual: 'C', expected: 'B' } } },
    { code: '91440300192203821', want: { messageKey: 'field.uscc_length', params: { length: 17 } } },
    { code: '9144030019220382166', want: { messageKey: 'field.uscc_length', params: { length: 19 } } },
    { code: '91440300I922038216', want: { messageKey: 'field.uscc_charset', params: { position: 9, char: 'I' } } },
    { code: '9144030019220382O6', want: { messageKey: 'field.uscc_charset', params: { position: 17, char: 'O' } } },
    { code: '91110000600037341S', want: { messageKey: 'field.uscc_charset', params: { position: 18, char: 'S' } } },
    { code: '91110000600037341V', want: { messageKey: 'field.uscc_charset', params: { position: 18, char: 'V' } } },
    { code: '9144030071526726Xg', want: { messageKey: 'field.uscc_charset', params: { position: 18, char: 'g' } } },
    { code: '91110000-00037341L', want: { messageKey: 'field.uscc_charset', params: { position: 9, char: '-' } } },
    { code: '91110000６00037341L', want: { messageKey: 'field.uscc_charset', params: { position: 9, char: '６' } } },
  ];

  it.each(invalid)('rejects $code', ({ code, want }) => {
    expect(usccProblem(code)).toEqual(want);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(usccProblem('91440300192203821𠀀')).toEqual({ messageKey: 'field.uscc_charset', params: { position: 18, char: '𠀀' } });
  });
});

describe('usccCheckCharacter', () => {
  it('reproduces the check character of every valid code', () => {
    for (const code of VALID) expect(usccCheckCharacter(code.slice(0, 17)), code).toBe(code[17]);
  });

  it('maps a remainder of 0 to the character 0', () => {
    expect(usccCheckCharacter('91620105L01510128')).toBe('0');
  });
});

describe('normaliseUscc', () => {
  const cases: [string | null, string | null][] = [
    ['9144030071526726xg', '9144030071526726XG'],
    ['  91110000600037341l\t', '91110000600037341L'],
    ['', null],
    ['   ', null],
    [null, null],
  ];
  it.each(cases)('%j → %j', (given, want) => {
    expect(normaliseUscc(given)).toBe(want);
  });
});
