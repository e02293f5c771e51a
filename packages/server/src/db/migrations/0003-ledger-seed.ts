// Seed data of migration 0003. It is part of a released migration, so it is never edited: later
// changes to the chart, the rules or the rates are new migrations or edits through the API.

/** [code, Chinese name, English name, category, normal balance]. */
export type SeedAccount = readonly [string, string, string, 'asset' | 'liability' | 'equity' | 'cost' | 'profit_and_loss', 'debit' | 'credit'];

/**
 * The chart of accounts of the Accounting Standard for Small Enterprises (小企业会计准则, 2011,
 * appendix 会计科目表), with 5403 under its name since 2016 (税金及附加), plus the sub-accounts
 * BOH posts to: payment-platform balances under 1012, platform receivables under 1122 and output
 * and input VAT under 2221.
 */
export const SEED_ACCOUNTS: readonly SeedAccount[] = [
  ['1001', '库存现金', 'Cash on hand', 'asset', 'debit'],
  ['1002', '银行存款', 'Bank deposits', 'asset', 'debit'],
  ['1012', '其他货币资金', 'Other monetary funds', 'asset', 'debit'],
  ['1012.01', '其他货币资金-微信', 'Other monetary funds - WeChat Pay', 'asset', 'debit'],
  ['1012.02', '其他货币资金-支付宝', 'Other monetary funds - Alipay', 'asset', 'debit'],
  ['1012.03', '其他货币资金-银联', 'Other monetary funds - UnionPay', 'asset', 'debit'],
  ['1101', '短期投资', 'Short-term investments', 'asset', 'debit'],
  ['1121', '应收票据', 'Notes receivable', 'asset', 'debit'],
  ['1122', '应收账款', 'Accounts receivable', 'asset', 'debit'],
  ['1122.01', '应收账款-美团', 'Accounts receivable - Meituan', 'asset', 'debit'],
  ['1122.02', '应收账款-饿了么', 'Accounts receivable - Ele.me', 'asset', 'debit'],
  ['1122.99', '应收账款-其他平台', 'Accounts receivable - other platforms', 'asset', 'debit'],
  ['1123', '预付账款', 'Prepayments', 'asset', 'debit'],
  ['1131', '应收股利', 'Dividends receivable', 'asset', 'debit'],
  ['1132', '应收利息', 'Interest receivable', 'asset', 'debit'],
  ['1221', '其他应收款', 'Other receivables', 'asset', 'debit'],
  ['1401', '材料采购', 'Materials purchasing', 'asset', 'debit'],
  ['1402', '在途物资', 'Goods in transit', 'asset', 'debit'],
  ['1403', '原材料', 'Raw materials', 'asset', 'debit'],
  ['1404', '材料成本差异', 'Material cost variance', 'asset', 'debit'],
  ['1405', '库存商品', 'Merchandise inventory', 'asset', 'debit'],
  ['1407', '商品进销差价', 'Merchandise price differential', 'asset', 'credit'],
  ['1408', '委托加工物资', 'Materials for outsourced processing', 'asset', 'debit'],
  ['1411', '周转材料', 'Packaging and low-value consumables', 'asset', 'debit'],
  ['1421', '消耗性生物资产', 'Consumable biological assets', 'asset', 'debit'],
  ['1501', '长期债券投资', 'Long-term bond investments', 'asset', 'debit'],
  ['1511', '长期股权投资', 'Long-term equity investments', 'asset', 'debit'],
  ['1601', '固定资产', 'Fixed assets', 'asset', 'debit'],
  ['1602', '累计折旧', 'Accumulated depreciation', 'asset', 'credit'],
  ['1604', '在建工程', 'Construction in progress', 'asset', 'debit'],
  ['1605', '工程物资', 'Construction materials', 'asset', 'debit'],
  ['1606', '固定资产清理', 'Fixed assets in disposal', 'asset', 'debit'],
  ['1621', '生产性生物资产', 'Productive biological assets', 'asset', 'debit'],
  ['1622', '生产性生物资产累计折旧', 'Accumulated depreciation of productive biological assets', 'asset', 'credit'],
  ['1701', '无形资产', 'Intangible assets', 'asset', 'debit'],
  ['1702', '累计摊销', 'Accumulated amortisation', 'asset', 'credit'],
  ['1801', '长期待摊费用', 'Long-term deferred expenses', 'asset', 'debit'],
  ['1901', '待处理财产损溢', 'Property gains and losses pending treatment', 'asset', 'debit'],
  ['2001', '短期借款', 'Short-term borrowings', 'liability', 'credit'],
  ['2201', '应付票据', 'Notes payable', 'liability', 'credit'],
  ['2202', '应付账款', 'Accounts payable', 'liability', 'credit'],
  ['2203', '预收账款', 'Advances from customers', 'liability', 'credit'],
  ['2211', '应付职工薪酬', 'Employee benefits payable', 'liability', 'credit'],
  ['2221', '应交税费', 'Taxes payable', 'liability', 'credit'],
  ['2221.01', '应交税费-应交增值税(销项税额)', 'Taxes payable - VAT payable (output tax)', 'liability', 'credit'],
  ['2221.02', '应交税费-应交增值税(进项税额)', 'Taxes payable - VAT payable (input tax)', 'liability', 'credit'],
  ['2231', '应付利息', 'Interest payable', 'liability', 'credit'],
  ['2232', '应付利润', 'Profits payable', 'liability', 'credit'],
  ['2241', '其他应付款', 'Other payables', 'liability', 'credit'],
  ['2401', '递延收益', 'Deferred income', 'liability', 'credit'],
  ['2501', '长期借款', 'Long-term borrowings', 'liability', 'credit'],
  ['2701', '长期应付款', 'Long-term payables', 'liability', 'credit'],
  ['3001', '实收资本', 'Paid-in capital', 'equity', 'credit'],
  ['3002', '资本公积', 'Capital reserve', 'equity', 'credit'],
  ['3101', '盈余公积', 'Surplus reserve', 'equity', 'credit'],
  ['3103', '本年利润', 'Profit for the year', 'equity', 'credit'],
  ['3104', '利润分配', 'Profit distribution', 'equity', 'credit'],
  ['4001', '生产成本', 'Production costs', 'cost', 'debit'],
  ['4101', '制造费用', 'Manufacturing overhead', 'cost', 'debit'],
  ['4301', '研发支出', 'Research and development expenditure', 'cost', 'debit'],
  ['4401', '工程施工', 'Construction contract costs', 'cost', 'debit'],
  ['4403', '机械作业', 'Machinery operations', 'cost', 'debit'],
  ['5001', '主营业务收入', 'Main operating revenue', 'profit_and_loss', 'credit'],
  ['5051', '其他业务收入', 'Other operating revenue', 'profit_and_loss', 'credit'],
  ['5111', '投资收益', 'Investment income', 'profit_and_loss', 'credit'],
  ['5301', '营业外收入', 'Non-operating income', 'profit_and_loss', 'credit'],
  ['5401', '主营业务成本', 'Main operating costs', 'profit_and_loss', 'debit'],
  ['5402', '其他业务成本', 'Other operating costs', 'profit_and_loss', 'debit'],
  ['5403', '税金及附加', 'Taxes and surcharges', 'profit_and_loss', 'debit'],
  ['5601', '销售费用', 'Selling expenses', 'profit_and_loss', 'debit'],
  ['5602', '管理费用', 'Administrative expenses', 'profit_and_loss', 'debit'],
  ['5603', '财务费用', 'Financial expenses', 'profit_and_loss', 'debit'],
  ['5711', '营业外支出', 'Non-operating expenses', 'profit_and_loss', 'debit'],
  ['5801', '所得税费用', 'Income tax expense', 'profit_and_loss', 'debit'],
];

/** [rule, qualifier, account]: where each kind of amount is posted; see ledger/posting-rules.ts. */
export const SEED_POSTING_RULES: readonly (readonly [string, string, string])[] = [
  ['payment', 'wechat', '1012.01'],
  ['payment', 'alipay', '1012.02'],
  ['payment', 'unionpay', '1012.03'],
  ['payment', 'cash', '1001'],
  ['payment', 'stored_value', '2203'],
  ['payment', 'platform', '1122.99'],
  ['payment', 'platform.delivery_meituan', '1122.01'],
  ['payment', 'platform.delivery_eleme', '1122.02'],
  ['revenue', 'default', '5001'],
  ['output_vat', 'default', '2221.01'],
  ['input_vat', 'default', '2221.02'],
  ['cogs', 'default', '5401'],
  ['inventory', 'default', '1403'],
  ['inventory', 'merchandise', '1405'],
  ['inventory', 'packaging', '1411'],
  ['inventory', 'consumable', '1411'],
  ['stock_receipt', 'default', '2202'],
  ['stock_count', 'default', '1901'],
  ['waste', 'default', '5401'],
  ['opening_balance', 'default', '3104'],
];

/**
 * [tax category, effective from, rate in basis points]: the VAT rates of general taxpayers in
 * force since 2019-04-01 (财政部 税务总局 海关总署公告2019年第39号): goods 13 %, agricultural
 * products 9 %, catering services 6 %. Earlier dates have no rate until one is added.
 */
export const SEED_TAX_RATES: readonly (readonly [string, string, number])[] = [
  ['goods', '2019-04-01', 1300],
  ['agricultural', '2019-04-01', 900],
  ['catering_service', '2019-04-01', 600],
  ['exempt', '2019-04-01', 0],
];
