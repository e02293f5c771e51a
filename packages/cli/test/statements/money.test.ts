import { describe, expect, it } from 'vitest';
import { formatFen, formatMilliFen, parseFen, parseMilliFen } from '../../src/statements/money.js';

describe('parseFen', () => {
  const cases: { given: string | number; want: number }[] = [
    { given: '58.00', want: 5800 },
    { given: '¥3.50', want: 350 },
    { given: '￥0.01', want: 1 },
    { given: '-2,600.00', want: -260000 },
    { given: '+10000.00', want: 1000000 },
    { given: '1,234.56           \t', want: 123456 },
    { given: '`58.00', want: 5800 },
    { given: '(36.00)', want: -3600 },
    { given: '(1,200.50)', want: -120050 },
    { given: '\u22125.00', want: -500 },
    { given: '-¥12.00', want: -1200 },
    { given: '¥-12.00', want: -1200 },
    { given: '3.5', want: 350 },
    { given: '50.0', want: 5000 },
    { given: '.5', want: 50 },
    { given: '1.00元', want: 100 },
    { given: '0.350', want: 35 },
    { given: '-0.00', want: 0 },
    { given: 28.16, want: 2816 },
    { given: 100.1, want: 10010 },
    { given: 12, want: 1200 },
  ];
  it.each(cases)('reads $given as $want fen', ({ given, want }) => {
    expect(parseFen(given)).toMatchObject({ ok: true, value: want });
  });

  const currencies: { given: string; value: number; currency: string }[] = [
    { given: 'CNY 123.18', value: 12318, currency: 'CNY' },
    { given: 'CNY13.50', value: 1350, currency: 'CNY' },
    { given: 'JPY 1000.00', value: 100000, currency: 'JPY' },
    { given: '人民币 1.00', value: 100, currency: 'CNY' },
  ];
  it.each(currencies)('reads the currency of $given', ({ given, value, currency }) => {
    expect(parseFen(given)).toEqual({ ok: true, value, currency });
  });

  const invalid: { given: string | number | null; code: string }[] = [
    { given: 'xx,yyyy.zz', code: 'amount-invalid' },
    { given: '1,2345.00', code: 'amount-invalid' },
    { given: '', code: 'amount-invalid' },
    { given: '-', code: 'amount-invalid' },
    { given: '支出', code: 'amount-invalid' },
    { given: '1e5', code: 'amount-invalid' },
    { given: '12.345', code: 'amount-too-precise' },
    { given: '0.35000001', code: 'amount-too-precise' },
    { given: 0.30000000000000004, code: 'amount-too-precise' },
    { given: '99999999999999999.00', code: 'amount-out-of-range' },
    { given: null, code: 'amount-invalid' },
  ];
  it.each(invalid)('rejects $given with $code', ({ given, code }) => {
    expect(parseFen(given)).toEqual({ ok: false, code });
  });
});

describe('parseMilliFen', () => {
  const cases: { given: string; want: number }[] = [
    { given: '`0.35000', want: 35_000 },
    { given: '0.05940', want: 5_940 },
    { given: '-0.27000', want: -27_000 },
    { given: '0.6', want: 60_000 },
    { given: '0.00000', want: 0 },
    { given: '1', want: 100_000 },
  ];
  it.each(cases)('reads $given as $want thousandths of a fen', ({ given, want }) => {
    expect(parseMilliFen(given)).toEqual({ ok: true, value: want });
  });

  it('rejects a sixth decimal place', () => {
    expect(parseMilliFen('0.000001')).toEqual({ ok: false, code: 'amount-too-precise' });
  });
});

describe('formatting', () => {
  it('formats fen as yuan', () => {
    expect([formatFen(0), formatFen(5), formatFen(-260000), formatFen(123456)]).toEqual(['0.00', '0.05', '-2600.00', '1234.56']);
  });

  it('formats milli-fen with five decimals', () => {
    expect([formatMilliFen(35_000), formatMilliFen(-5_940), formatMilliFen(100_000)]).toEqual(['0.35000', '-0.05940', '1.00000']);
  });
});
