// Alipay merchant bills (支付宝商家对账单), GBK CSV with `#` lines above and below the rows:
//  - 业务明细 (trade details): one row per payment (业务类型 交易) or refund (退款); refund rows
//    carry negative amounts. Footer: `#交易合计：N笔，商家实收共X元，…`, `#退款合计：…`.
//  - 账务明细 (account entries): one row per movement of the Alipay balance, with separate
//    收入/支出 columns. Footer: `#收入合计：N笔，共X元`, `#支出合计：…`.
//
// On 业务明细 the gross is 商家实收 (what the merchant receives, after merchant-funded
// discounts); 订单金额 is kept as the order amount. 服务费 is taken as stated.

import type { SourceRow } from '../../files/types.js';
import type { LineDraft } from '../builder.js';
import { definedOnly } from '../defined-only.js';
import { readDataRow, type Layout, type LayoutContext } from '../layout.js';
import { parseFen } from '../money.js';
import { feeOfFeeLine } from '../profile-layout.js';
import { RowProblem } from '../row-fields.js';
import { cellText } from '../text.js';
import type { LineKind } from '../types.js';
import { DATE_TIME_FORMATS, TIME_FORMATS } from '../when.js';

const TRADE_TOTAL = /^#?(交易|退款)合计[:：]\s*(\d+)\s*笔[，,]\s*(?:商家实收(?:退款)?共|(?:交易)?(?:退款)?金额共|总金额|退款共)\s*(-?[\d,]+(?:\.\d+)?)\s*元/u;
const ACCOUNT_TOTAL = /^#?(收入|支出)合计[:：]\s*(\d+)\s*笔[，,]\s*共\s*(-?[\d,]+(?:\.\d+)?)\s*元/u;

/** Reads a `#` footer line against the totals of its regex; returns false when it is no total. */
function checkFooter(
  row: SourceRow,
  context: LayoutContext,
  pattern: RegExp,
  computed: (label: string) => { count: number; fen: number },
  item: (label: string) => string,
): boolean {
  const text = cellText(row.cells[0]);
  const match = pattern.exec(text);
  if (match?.[1] === undefined || match[3] === undefined) return false;
  const amount = parseFen(match[3]);
  if (!amount.ok) {
    context.out.warn('summary-unreadable', { line: row.line, text }, row.line);
    return true;
  }
  const totals = computed(match[1]);
  context.out.check(`${item(match[1])}.count`, 'count', Number(match[2]), totals.count, row.line);
  context.out.check(`${item(match[1])}.amount`, 'fen', Math.abs(amount.value), totals.fen, row.line);
  return true;
}

function isCommentRow(row: SourceRow): boolean {
  return cellText(row.cells[0]).startsWith('#');
}

export const alipayMerchantTrade: Layout = {
  id: 'alipay-merchant-trade',
  channel: 'alipay',
  columns: {
    transactionId: { aliases: ['支付宝交易号'], required: true },
    merchantOrder: { aliases: ['商户订单号'] },
    type: { aliases: ['业务类型'], required: true },
    description: { aliases: ['商品名称'] },
    createdAt: { aliases: ['创建时间'] },
    completedAt: { aliases: ['完成时间'], required: true },
    storeId: { aliases: ['门店编号'] },
    storeName: { aliases: ['门店名称'] },
    operator: { aliases: ['操作员'] },
    terminal: { aliases: ['终端号'] },
    counterparty: { aliases: ['对方账户'] },
    orderAmount: { aliases: ['订单金额(元)'] },
    received: { aliases: ['商家实收(元)'], required: true },
    merchantDiscount: { aliases: ['商家优惠(元)'] },
    refundRequestId: { aliases: ['退款批次号/请求号'] },
    fee: { aliases: ['服务费(元)'] },
    memo: { aliases: ['备注'] },
  },
  signature: ['transactionId', 'merchantOrder', 'type', 'createdAt', 'completedAt', 'orderAmount', 'received', 'fee', 'refundRequestId'],
  preambleHints: ['支付宝业务明细查询', '业务明细列表'],

  createReader(context: LayoutContext) {
    const totals = { 交易: { count: 0, fen: 0 }, 退款: { count: 0, fen: 0 } };
    return {
      read(row) {
        if (isCommentRow(row)) {
          context.out.note('footer', row);
          checkFooter(row, context, TRADE_TOTAL, (label) => totals[label as '交易' | '退款'], (label) => (label === '交易' ? 'payments' : 'refunds'));
          return;
        }
        readDataRow(row, context, (fields): LineDraft => {
          const when = fields.when('completedAt', undefined, DATE_TIME_FORMATS, TIME_FORMATS);
          const typeText = fields.requiredText('type');
          fields.partial.typeText = typeText;
          fields.partial.channelTransactionId = fields.requiredText('transactionId');
          const received = fields.fen('received');
          const fee = Math.abs(fields.milliFen('fee', 0));
          const orderAmount = fields.has('orderAmount') ? Math.abs(fields.fen('orderAmount', 0)) : undefined;

          let kind: 'payment' | 'refund';
          if (typeText === '交易') kind = 'payment';
          else if (typeText === '退款') kind = 'refund';
          else {
            fields.partial.grossFen = Math.abs(received);
            throw new RowProblem('unknown-transaction-type', { type: typeText, column: fields.columnName('type') }, 'flagged');
          }
          totals[typeText].count += 1;
          totals[typeText].fen += Math.abs(received);

          // NOTE: the sign Alipay gives 服务费 varies between samples, so the fee's sign follows
          // the row: charged on a payment, returned on a refund.
          return {
            occurredAt: when.occurredAt,
            businessDate: when.businessDate,
            kind,
            flow: kind === 'payment' ? 'in' : 'out',
            grossFen: kind === 'payment' ? Math.abs(received) : 0,
            refundFen: kind === 'refund' ? Math.abs(received) : 0,
            feeMilliFen: kind === 'payment' ? fee : -fee,
            ...definedOnly({
              orderAmountFen: orderAmount,
              channelTransactionId: fields.text('transactionId'),
              merchantOrderNumber: fields.text('merchantOrder'),
              merchantRefundId: fields.text('refundRequestId'),
              storeId: fields.text('storeId'),
              terminalId: fields.text('terminal'),
              counterparty: fields.text('counterparty'),
              description: fields.text('description'),
              typeText,
              memo: fields.text('memo'),
            }),
          };
        });
      },
      finish() {
        // The `#` totals were checked as they were read.
      },
    };
  },
};

/** 业务类型 of 账务明细 rows, with the kind of line each makes. */
const ACCOUNT_TYPES: ReadonlyMap<string, LineKind> = new Map<string, LineKind>([
  ['在线支付', 'payment'],
  ['交易付款', 'payment'],
  ['交易', 'payment'],
  ['收款', 'payment'],
  ['交易退款', 'refund'],
  ['退款', 'refund'],
  ['退款（交易退款）', 'refund'],
  ['收费', 'fee'],
  ['服务费', 'fee'],
  ['交易服务费', 'fee'],
  ['手续费', 'fee'],
  ['提现', 'transfer'],
  ['转账', 'transfer'],
  ['充值', 'transfer'],
]);

export const alipayMerchantAccount: Layout = {
  id: 'alipay-merchant-account',
  channel: 'alipay',
  columns: {
    entryId: { aliases: ['账务流水号'], required: true },
    transactionId: { aliases: ['业务流水号'] },
    merchantOrder: { aliases: ['商户订单号'] },
    description: { aliases: ['商品名称'] },
    time: { aliases: ['发生时间'], required: true },
    counterparty: { aliases: ['对方账号'] },
    amountIn: { aliases: ['收入金额(+元)'], required: true },
    amountOut: { aliases: ['支出金额(-元)'], required: true },
    balance: { aliases: ['账户余额(元)'] },
    tradeChannel: { aliases: ['交易渠道'] },
    type: { aliases: ['业务类型'], required: true },
    memo: { aliases: ['备注'] },
  },
  signature: ['entryId', 'transactionId', 'merchantOrder', 'time', 'amountIn', 'amountOut', 'balance', 'type'],
  preambleHints: ['支付宝账务明细查询', '账务明细列表'],

  createReader(context: LayoutContext) {
    const totals = { 收入: { count: 0, fen: 0 }, 支出: { count: 0, fen: 0 } };
    return {
      read(row) {
        if (isCommentRow(row)) {
          context.out.note('footer', row);
          checkFooter(row, context, ACCOUNT_TOTAL, (label) => totals[label as '收入' | '支出'], (label) => (label === '收入' ? 'in' : 'out'));
          return;
        }
        readDataRow(row, context, (fields): LineDraft => {
          const when = fields.when('time', undefined, DATE_TIME_FORMATS, TIME_FORMATS);
          const typeText = fields.requiredText('type');
          fields.partial.typeText = typeText;
          const amountIn = Math.abs(fields.fen('amountIn', 0));
          const amountOut = Math.abs(fields.fen('amountOut', 0));
          if (amountIn !== 0 && amountOut !== 0) {
            throw new RowProblem('amount-ambiguous', { in: fields.columnName('amountIn'), out: fields.columnName('amountOut') });
          }
          const flow = amountOut !== 0 ? 'out' : 'in';
          const amount = amountIn + amountOut;
          totals[flow === 'in' ? '收入' : '支出'].count += 1;
          totals[flow === 'in' ? '收入' : '支出'].fen += amount;

          const kind = ACCOUNT_TYPES.get(typeText);
          if (kind === undefined) {
            fields.partial.grossFen = amount;
            throw new RowProblem('unknown-transaction-type', { type: typeText, column: fields.columnName('type') }, 'flagged');
          }
          const balance = fields.has('balance') ? parseFen(fields.cell('balance')) : undefined;
          return {
            occurredAt: when.occurredAt,
            businessDate: when.businessDate,
            kind,
            flow,
            grossFen: kind === 'payment' || kind === 'transfer' || kind === 'other' ? amount : 0,
            refundFen: kind === 'refund' ? amount : 0,
            feeMilliFen: kind === 'fee' ? feeOfFeeLine(amount, flow) : 0,
            ...definedOnly({
              balanceFen: balance?.ok === true ? balance.value : undefined,
              channelTransactionId: fields.text('transactionId'),
              merchantOrderNumber: fields.text('merchantOrder'),
              counterparty: fields.text('counterparty'),
              description: fields.text('description'),
              typeText,
              memo: fields.text('memo'),
            }),
          };
        });
      },
      finish() {
        // The `#` totals were checked as they were read.
      },
    };
  },
};
