// WeChat Pay merchant transaction bill (交易账单, downloadbill / tradebill), ALL, SUCCESS and
// REFUND types, old and current column names. Every value starts with a backtick; after the
// rows comes a summary header (总交易单数,…) and one summary row.
//
// Per row: gross = 应结订单金额 (总金额 in the old format), refund = 退款金额, fee = 手续费 as
// stated to five decimals (negative on a refund, when WeChat returns the fee), net = gross −
// refund − fee. The fee is never recomputed from 费率.

import type { Cell, SourceRow } from '../../files/types.js';
import type { LineDraft } from '../builder.js';
import { definedOnly } from '../defined-only.js';
import { matchHeader, type ColumnSpecs } from '../header.js';
import { readDataRow, type Layout, type LayoutContext } from '../layout.js';
import { parseFen, parseMilliFen } from '../money.js';
import { RowProblem } from '../row-fields.js';
import { cellText, normalizeHeader } from '../text.js';
import type { SummaryCheck } from '../types.js';
import { DATE_TIME_FORMATS, TIME_FORMATS } from '../when.js';

const COLUMNS: ColumnSpecs = {
  time: { aliases: ['交易时间'], required: true },
  appId: { aliases: ['公众账号ID', '服务商的APPID'] },
  merchantId: { aliases: ['商户号'] },
  subMerchantId: { aliases: ['特约商户号', '子商户号'] },
  deviceId: { aliases: ['设备号'] },
  transactionId: { aliases: ['微信订单号'], required: true },
  merchantOrder: { aliases: ['商户订单号'] },
  openId: { aliases: ['用户标识'] },
  tradeType: { aliases: ['交易类型'] },
  status: { aliases: ['交易状态'], required: true },
  bank: { aliases: ['付款银行'] },
  currency: { aliases: ['货币种类'] },
  gross: { aliases: ['应结订单金额', '总金额'], required: true },
  coupon: { aliases: ['代金券金额', '代金券或立减优惠金额', '企业红包金额'] },
  refundAppliedAt: { aliases: ['退款申请时间'] },
  refundSucceededAt: { aliases: ['退款成功时间'] },
  refundId: { aliases: ['微信退款单号'] },
  merchantRefundId: { aliases: ['商户退款单号'] },
  refund: { aliases: ['退款金额'] },
  couponRefund: { aliases: ['充值券退款金额', '代金券或立减优惠退款金额', '企业红包退款金额'] },
  refundType: { aliases: ['退款类型'] },
  refundStatus: { aliases: ['退款状态'] },
  description: { aliases: ['商品名称'] },
  attach: { aliases: ['商户数据包'] },
  fee: { aliases: ['手续费'], required: true },
  feeRate: { aliases: ['费率'] },
  orderAmount: { aliases: ['订单金额'] },
  requestedRefund: { aliases: ['申请退款金额'] },
  feeRateNote: { aliases: ['费率备注'] },
};

/** Summary columns, each with the line total it states and its unit. */
const SUMMARY: ColumnSpecs = {
  count: { aliases: ['总交易单数'] },
  gross: { aliases: ['应结订单总金额', '总交易额'] },
  refund: { aliases: ['退款总金额', '总退款金额'] },
  fee: { aliases: ['手续费总金额'] },
  orderAmount: { aliases: ['订单总金额'] },
};

const SUMMARY_HEADER = normalizeHeader('总交易单数');

const SIGNATURE = ['time', 'transactionId', 'merchantOrder', 'status', 'gross', 'fee', 'feeRate', 'tradeType', 'merchantId', 'appId'];

function createReader(context: LayoutContext, refundBill: boolean) {
  const computed = { count: 0, gross: 0, refund: 0, fee: 0, orderAmount: 0 };
  let summaryHeader: SourceRow | null = null;
  let summaryRead = false;

  function readLine(row: SourceRow): void {
    readDataRow(row, context, (fields): LineDraft => {
      // On the REFUND bill 交易时间 is the payment's time; the refund is dated by its application.
      const timeField = refundBill && fields.text('refundAppliedAt') !== undefined ? 'refundAppliedAt' : 'time';
      const when = fields.when(timeField, undefined, DATE_TIME_FORMATS, TIME_FORMATS);
      const status = fields.requiredText('status');
      fields.partial.status = status;
      fields.partial.channelTransactionId = fields.requiredText('transactionId');
      const gross = fields.fen('gross', 0);
      const refund = fields.fen('refund', 0);
      const fee = fields.milliFen('fee', 0);
      const orderAmount = fields.has('orderAmount') ? fields.fen('orderAmount', 0) : undefined;
      Object.assign(fields.partial, { grossFen: gross, refundFen: refund, feeMilliFen: fee });
      computed.count += 1;
      computed.gross += gross;
      computed.refund += refund;
      computed.fee += fee;
      computed.orderAmount += orderAmount ?? 0;

      const currency = fields.text('currency');
      if (currency !== undefined && currency !== 'CNY') throw new RowProblem('foreign-currency', { currency }, 'flagged');
      if (gross < 0) throw new RowProblem('amount-negative', { column: fields.columnName('gross'), value: cellText(fields.cell('gross')) });
      if (refund < 0) throw new RowProblem('amount-negative', { column: fields.columnName('refund'), value: cellText(fields.cell('refund')) });

      let kind: 'payment' | 'refund';
      if (status === 'SUCCESS' && !refundBill) kind = 'payment';
      else if (status === 'REFUND') kind = 'refund';
      else if (status === 'REVOKED') throw new RowProblem('status-needs-review', { status }, 'flagged');
      else throw new RowProblem('unknown-transaction-type', { type: status, column: fields.columnName('status') }, 'flagged');

      const subMerchant = fields.text('subMerchantId');
      return {
        occurredAt: when.occurredAt,
        businessDate: when.businessDate,
        kind,
        flow: kind === 'payment' ? 'in' : 'out',
        grossFen: gross,
        refundFen: refund,
        feeMilliFen: fee,
        ...definedOnly({
          orderAmountFen: orderAmount,
          channelTransactionId: fields.text('transactionId'),
          merchantOrderNumber: fields.text('merchantOrder'),
          channelRefundId: nonZero(fields.text('refundId')),
          merchantRefundId: nonZero(fields.text('merchantRefundId')),
          merchantId: subMerchant !== undefined && subMerchant !== '0' ? subMerchant : fields.text('merchantId'),
          terminalId: fields.text('deviceId'),
          counterparty: fields.text('openId'),
          description: fields.text('description'),
          paymentMethod: fields.text('bank'),
          status,
          typeText: fields.text('tradeType'),
          feeRate: fields.text('feeRate'),
          memo: fields.text('attach'),
        }),
      };
    });
  }

  function readSummary(values: SourceRow, header: SourceRow): void {
    const match = matchHeader(header, SUMMARY);
    for (const [item, index] of match.columns) {
      const cell = values.cells[index];
      const unit = summaryUnit(item);
      const result = readFigure(unit, cell);
      if (!result.ok) {
        context.out.warn('summary-unreadable', { line: values.line, text: cellText(cell) }, values.line);
        continue;
      }
      context.out.check(item, unit, result.value, computed[item as keyof typeof computed], values.line);
    }
  }

  return {
    read(row: SourceRow) {
      // Only a cell containing 总 can be the summary header, so data rows skip the normalising.
      const firstText = cellText(row.cells[0]);
      if (firstText.includes('总') && normalizeHeader(firstText) === SUMMARY_HEADER) {
        summaryHeader = row;
        context.out.note('footer', row);
      } else if (summaryHeader !== null && !summaryRead) {
        summaryRead = true;
        context.out.note('footer', row);
        readSummary(row, summaryHeader);
      } else {
        readLine(row);
      }
    },
    finish() {
      // The summary row was checked when it was read.
    },
  };
}

/** WeChat prints `0` in the refund id columns of a payment row. */
function nonZero(text: string | undefined): string | undefined {
  return text === '0' ? undefined : text;
}

function summaryUnit(item: string): SummaryCheck['unit'] {
  if (item === 'count') return 'count';
  if (item === 'fee') return 'milli-fen';
  return 'fen';
}

function readFigure(unit: SummaryCheck['unit'], cell: Cell | undefined): { ok: true; value: number } | { ok: false } {
  if (unit === 'fen') return parseFen(cell);
  if (unit === 'milli-fen') return parseMilliFen(cell);
  const text = cellText(cell);
  return /^\d+$/u.test(text) ? { ok: true, value: Number(text) } : { ok: false };
}

export const wechatMerchantTrade: Layout = {
  id: 'wechat-merchant-trade',
  channel: 'wechat',
  columns: COLUMNS,
  signature: SIGNATURE,
  createReader: (context) => createReader(context, false),
};

/** The REFUND bill: the same columns plus 退款申请时间 and 退款成功时间. */
export const wechatMerchantRefund: Layout = {
  id: 'wechat-merchant-refund',
  channel: 'wechat',
  columns: COLUMNS,
  signature: [...SIGNATURE, 'refundAppliedAt', 'refundSucceededAt'],
  createReader: (context) => createReader(context, true),
};
