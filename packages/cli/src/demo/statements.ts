import iconv from 'iconv-lite';
import type { DemoOrder, DemoPayment } from './orders.js';
import { Random } from './random.js';

/** A difference planted in the statements on purpose, which reconciliation must find. */
export interface PlantedDifference {
  kind: 'missing_in_statement' | 'fee_difference' | 'duplicate' | 'cut_off';
  channel: 'wechat' | 'alipay';
  storeCode: string;
  orderNumber: string;
  merchantOrderNo: string;
  transactionId: string;
  amountFen: number;
  note: string;
}

export interface DemoStatements {
  /** WeChat Pay merchant trade bill (交易账单, ALL), UTF-8 with BOM, values prefixed with a backtick. */
  wechat: Buffer;
  /** Alipay merchant bill (业务明细), GBK with `#` preamble and footer. */
  alipay: Buffer;
  planted: PlantedDifference[];
}

/** Fee rates in thousandths of a fen per fen: 0.6 % is 6 milli-fen per fen. */
const WECHAT_RATE_MILLI = 6;
const ALIPAY_RATE_MILLI = 6;
const MERCHANT_ID = '1900012345';
const ALIPAY_ACCOUNT = '20880012345678900156';

interface StatementLine {
  payment: DemoPayment;
  order: DemoOrder;
  /** When the channel completed the payment, China time text `YYYY-MM-DD HH:MM:SS`. */
  completedAt: string;
  feeMilliFen: number;
}

/**
 * Write the month's WeChat Pay and Alipay merchant bills for the orders' payments, with planted
 * differences: a payment the channel never settled, a fee charged at ten times the rate, a line
 * the channel listed twice, and cut-off cases: a payment at 23:59:58 on the last day that the
 * channel completed after midnight, and the late-night store's sales after midnight on the last
 * business day. Both are in next month's bill, so they are timing differences.
 */
export function generateStatements(orders: DemoOrder[], period: string, seed: number): DemoStatements {
  const random = new Random(seed ^ 0x2545f491);
  const planted: PlantedDifference[] = [];
  plantCutOff(orders, period, random, planted);
  const wechat: StatementLine[] = [];
  const alipay: StatementLine[] = [];

  for (const order of orders) {
    for (const payment of order.payments) {
      if (payment.method !== 'wechat' && payment.method !== 'alipay') continue;
      const completed = new Date(Date.parse(payment.paidAt) + 2_000 + random.int(0, 3000));
      const line: StatementLine = {
        payment,
        order,
        completedAt: chinaText(completed),
        feeMilliFen: payment.amountFen * (payment.method === 'wechat' ? WECHAT_RATE_MILLI : ALIPAY_RATE_MILLI),
      };
      if (!line.completedAt.startsWith(period)) {
        // A late-night store's sale after midnight on the last business day: the channel's bill
        // goes by calendar day, so it is in next month's bill, a timing difference.
        // The payment moved to 23:59:58 by plantCutOff is listed already.
        if (!planted.some((p) => p.transactionId === payment.transactionId)) {
          planted.push(difference('cut_off', payment.method, line, 'Sold after midnight on the last business day of a late-night store; the channel bills it next month.'));
        }
        continue;
      }
      (payment.method === 'wechat' ? wechat : alipay).push(line);
    }
  }

  const missing = wechat.splice(Math.floor(wechat.length * 0.37), 1)[0]!;
  planted.push(difference('missing_in_statement', 'wechat', missing, 'POS shows a WeChat payment the channel never settled.'));
  const duplicate = wechat[Math.floor(wechat.length * 0.61)]!;
  wechat.splice(Math.floor(wechat.length * 0.61) + 1, 0, { ...duplicate });
  planted.push(difference('duplicate', 'wechat', duplicate, 'The WeChat bill lists the same payment twice.'));
  const overcharged = alipay[Math.floor(alipay.length * 0.45)]!;
  overcharged.feeMilliFen *= 10;
  planted.push(difference('fee_difference', 'alipay', overcharged, 'Alipay charged a fee of 6 % instead of 0.6 %.'));

  return { wechat: wechatBill(wechat), alipay: alipayBill(alipay, period), planted };
}

/**
 * Move one WeChat payment of the last evening to 23:59:58, completed by WeChat at 00:00:03 the
 * next day, so it falls outside this month's bill.
 */
function plantCutOff(orders: DemoOrder[], period: string, random: Random, planted: PlantedDifference[]): void {
  const [year, month] = period.split('-').map(Number) as [number, number];
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const lastEvening = `${period}-${String(lastDay).padStart(2, '0')}`;
  const candidates = orders.filter((o) => o.payments[0]?.method === 'wechat' && chinaText(new Date(o.orderedAt)).startsWith(`${lastEvening} 2`));
  const order = candidates[random.int(0, candidates.length - 1)];
  if (!order) return;
  const at = new Date(Date.UTC(year, month - 1, lastDay, 23 - 8, 59, 58)).toISOString();
  order.orderedAt = at;
  order.payments[0]!.paidAt = at;
  planted.push({
    kind: 'cut_off',
    channel: 'wechat',
    storeCode: order.storeCode,
    orderNumber: order.orderNumber,
    merchantOrderNo: order.payments[0]!.merchantOrderNo,
    transactionId: order.payments[0]!.transactionId!,
    amountFen: order.payments[0]!.amountFen,
    note: 'Paid at 23:59:58 on the last day; WeChat completed it at 00:00:03, so it is in next month’s bill.',
  });
}

function difference(kind: PlantedDifference['kind'], channel: PlantedDifference['channel'], line: StatementLine, note: string): PlantedDifference {
  return {
    kind,
    channel,
    storeCode: line.order.storeCode,
    orderNumber: line.order.orderNumber,
    merchantOrderNo: line.payment.merchantOrderNo,
    transactionId: line.payment.transactionId!,
    amountFen: line.payment.amountFen,
    note,
  };
}

const WECHAT_HEADER = [
  '交易时间', '公众账号ID', '商户号', '特约商户号', '设备号', '微信订单号', '商户订单号', '用户标识', '交易类型', '交易状态',
  '付款银行', '货币种类', '应结订单金额', '代金券金额', '微信退款单号', '商户退款单号', '退款金额', '充值券退款金额', '退款类型',
  '退款状态', '商品名称', '商户数据包', '手续费', '费率', '订单金额', '申请退款金额', '费率备注',
];

function wechatBill(lines: StatementLine[]): Buffer {
  const rows = lines.map((line) =>
    [
      line.completedAt, 'wx8888888888888888', MERCHANT_ID, '0', line.order.storeCode, line.payment.transactionId!,
      line.payment.merchantOrderNo, `o${line.payment.transactionId!.slice(-12)}`, 'MICROPAY', 'SUCCESS', 'OTHERS', 'CNY',
      yuan(line.payment.amountFen), '0.00', '0', '0', '0.00', '0.00', '', '', '咖啡', '', yuan5(line.feeMilliFen), '0.60%',
      yuan(line.payment.amountFen), '0.00', '',
    ]
      .map((value) => `\`${value}`)
      .join(','),
  );
  const gross = lines.reduce((sum, l) => sum + l.payment.amountFen, 0);
  const fees = lines.reduce((sum, l) => sum + l.feeMilliFen, 0);
  const summary = ['总交易单数', '应结订单总金额', '退款总金额', '充值券退款总金额', '手续费总金额', '订单总金额', '申请退款总金额'].join(',');
  const totals = [String(lines.length), yuan(gross), '0.00', '0.00', yuan5(fees), yuan(gross), '0.00'].map((v) => `\`${v}`).join(',');
  return Buffer.from(`\ufeff${[WECHAT_HEADER.join(','), ...rows, summary, totals].join('\r\n')}\r\n`, 'utf8');
}

const ALIPAY_HEADER = [
  '支付宝交易号', '商户订单号', '业务类型', '商品名称', '创建时间', '完成时间', '门店编号', '门店名称', '操作员', '终端号', '对方账户',
  '订单金额（元）', '商家实收（元）', '支付宝红包（元）', '集分宝（元）', '支付宝优惠（元）', '商家优惠（元）', '券核销金额（元）', '券名称',
  '商家红包消费金额（元）', '卡消费金额（元）', '退款批次号/请求号', '服务费（元）', '分润（元）', '备注',
];

function alipayBill(lines: StatementLine[], period: string): Buffer {
  const rows = lines.map((line) =>
    [
      `${line.payment.transactionId}\t`, `${line.payment.merchantOrderNo}\t`, '交易', '咖啡', chinaText(new Date(line.payment.paidAt)),
      line.completedAt, `${line.order.storeCode}\t`, '', '', '', '**客(138****0000)\t', yuan(line.payment.amountFen),
      yuan(line.payment.amountFen), '0.00', '0.00', '0.00', '0.00', '0.00', '', '0.00', '0.00', '', yuan(Math.round(line.feeMilliFen / 1000)),
      '0.00', '',
    ].join(','),
  );
  const gross = lines.reduce((sum, l) => sum + l.payment.amountFen, 0);
  const [year, month] = period.split('-').map(Number) as [number, number];
  const next = month === 12 ? `${year + 1}年01月01日` : `${year}年${String(month + 1).padStart(2, '0')}月01日`;
  const text = [
    '#支付宝业务明细查询',
    `#账号：[${ALIPAY_ACCOUNT}]`,
    `#起始日期：[${year}年${String(month).padStart(2, '0')}月01日 00:00:00]   终止日期：[${next} 00:00:00]`,
    '#-----------------------------------------业务明细列表----------------------------------------',
    ALIPAY_HEADER.join(','),
    ...rows,
    '#-----------------------------------------业务明细列表结束------------------------------------',
    `#交易合计：${lines.length}笔，商家实收共${yuan(gross)}元，商家优惠共0.00元`,
    '#退款合计：0笔，商家实收退款共0.00元，商家优惠退款共0.00元',
    `#导出时间：[${next} 06:00:00]`,
  ].join('\r\n');
  return iconv.encode(`${text}\r\n`, 'gbk');
}

/** Integer fen as yuan with two decimals, without floating point. */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Thousandths of a fen as yuan with five decimals: 19200 → 0.19200. */
function yuan5(milliFen: number): string {
  const sign = milliFen < 0 ? '-' : '';
  const abs = Math.abs(milliFen);
  return `${sign}${Math.floor(abs / 100_000)}.${String(abs % 100_000).padStart(5, '0')}`;
}

/** A Date as China wall-clock text (UTC+8, no daylight saving): `2026-11-05 08:12:35`. */
function chinaText(date: Date): string {
  return new Date(date.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}
