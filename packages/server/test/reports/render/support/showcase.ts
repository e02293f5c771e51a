// A document with every chart kind, KPIs (one missing, with a note that explains why), notes,
// negative amounts and markup-like text, for the HTML tests and the browser screenshot.

import type { ReportDocument, ReportRow } from '../../../../src/reports/render/index.js';

export const SHOWCASE_TITLE = '2024年1月门店经营月报';

export const storeSalesRows: readonly ReportRow[] = [
  { store_code: '0001', store_name: '静安寺店', dine_in: 8_523_400, delivery: 2_310_050, refunds: -45_600, orders: 10_412, margin: 0.624 },
  { store_code: '0002', store_name: '徐家汇店', dine_in: 6_120_000, delivery: 3_004_500, refunds: -12_000, orders: 9_118, margin: 0.598 },
  { store_code: '0003', store_name: '陆家嘴店', dine_in: 9_870_250, delivery: 1_200_000, refunds: 0, orders: 11_870, margin: 0.641 },
  { store_code: '0010', store_name: '五角场店', dine_in: 4_410_800, delivery: 2_780_300, refunds: -3_600, orders: 7_005, margin: 0.577 },
  { store_code: '0011', store_name: '<script>window.__injected = 1</script>店', dine_in: 3_005_000, delivery: 950_000, refunds: -800, orders: 4_210, margin: 0.55 },
];

export const dailyRows: readonly ReportRow[] = Array.from({ length: 14 }, (_, index) => {
  const day = String(index + 1).padStart(2, '0');
  // Deterministic variation: weekends (6, 7, 13, 14 January 2024) sell more.
  const weekend = [5, 6, 12, 13].includes(index);
  return {
    business_date: `2024-01-${day}`,
    sales: 980_000 + index * 12_345 + (weekend ? 420_000 : 0),
    guests: 1_100 + index * 9 + (weekend ? 380 : 0),
  };
});

export function showcaseDocument(): ReportDocument {
  return {
    title: { en: 'Store operations, January 2024', 'zh-CN': SHOWCASE_TITLE },
    subtitle: { en: 'Shanghai region, all channels', 'zh-CN': '上海区域 · 全渠道' },
    language: 'zh-CN',
    parameters: {
      period: { from: '2024-01-01', to: '2024-01-31' },
      stores: 'all',
      generatedAt: '2024-02-01T01:00:00Z',
      generatedBy: '王会计 & "财务部"',
    },
    kpis: [
      { key: 'net_sales', type: 'money_fen', label: { en: 'Net sales', 'zh-CN': '净销售额' }, value: 42_112_300 },
      { key: 'orders', type: 'integer', label: { en: 'Orders', 'zh-CN': '订单数' }, value: 42_615 },
      { key: 'margin', type: 'percent', label: { en: 'Gross margin', 'zh-CN': '毛利率' }, value: 0.6012 },
      {
        key: 'sales_per_labour_hour',
        type: 'money_fen',
        label: { en: 'Sales per labour hour', 'zh-CN': '人效' },
        value: null,
        note: {
          en: 'Needs labour hours; none were imported for this period.',
          'zh-CN': '人效需要工时数据，本期间未导入工时。',
        },
      },
    ],
    notes: [
      {
        severity: 'warning',
        text: {
          en: 'Labour hours are missing for January, so sales per labour hour is not shown.',
          'zh-CN': '1月缺少工时数据，因此不显示人效。',
        },
      },
    ],
    sections: [
      {
        key: 'store_sales',
        name: { en: 'Sales by store', 'zh-CN': '门店销售' },
        columns: [
          { key: 'store_code', type: 'code', label: { en: 'Store code', 'zh-CN': '门店编码' } },
          { key: 'store_name', type: 'text', label: { en: 'Store', 'zh-CN': '门店名称' } },
          { key: 'dine_in', type: 'money_fen', label: { en: 'Dine-in', 'zh-CN': '堂食' } },
          { key: 'delivery', type: 'money_fen', label: { en: 'Delivery', 'zh-CN': '外卖' } },
          { key: 'refunds', type: 'money_fen', label: { en: 'Refunds', 'zh-CN': '退款' } },
          { key: 'orders', type: 'integer', label: { en: 'Orders', 'zh-CN': '订单数' } },
          { key: 'margin', type: 'percent', label: { en: 'Gross margin', 'zh-CN': '毛利率' } },
        ],
        rows: storeSalesRows,
        totals: { dine_in: 31_929_450, delivery: 10_244_850, refunds: -62_000, orders: 42_615 },
        charts: [
          { kind: 'bar', title: { en: 'Dine-in sales', 'zh-CN': '堂食销售额' }, categoryColumn: 'store_name', seriesColumns: ['dine_in'] },
          {
            kind: 'stacked_bar',
            title: { en: 'Sales by channel', 'zh-CN': '分渠道销售额' },
            categoryColumn: 'store_name',
            seriesColumns: ['dine_in', 'delivery', 'refunds'],
          },
          { kind: 'donut', title: { en: 'Share of dine-in', 'zh-CN': '堂食占比' }, categoryColumn: 'store_name', seriesColumns: ['dine_in'] },
        ],
      },
      {
        key: 'daily',
        name: { en: 'Daily trend', 'zh-CN': '每日趋势' },
        columns: [
          { key: 'business_date', type: 'date', label: { en: 'Business date', 'zh-CN': '营业日' } },
          { key: 'sales', type: 'money_fen', label: { en: 'Sales', 'zh-CN': '销售额' } },
          { key: 'guests', type: 'integer', label: { en: 'Guests', 'zh-CN': '客流' } },
        ],
        rows: dailyRows,
        charts: [
          { kind: 'line', title: { en: 'Daily sales', 'zh-CN': '每日销售额' }, categoryColumn: 'business_date', seriesColumns: ['sales'] },
          { kind: 'pie', title: { en: 'Guests by day', 'zh-CN': '每日客流分布' }, categoryColumn: 'business_date', seriesColumns: ['guests'] },
        ],
        notes: [{ text: { en: 'Business days end at 04:00.', 'zh-CN': '营业日以凌晨 4 点为界。' } }],
      },
    ],
  };
}
