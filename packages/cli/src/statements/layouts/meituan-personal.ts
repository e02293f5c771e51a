// Meituan account-holder bill (美团交易账单明细): preamble with the period and per-flow totals,
// then 交易创建时间,交易成功时间,交易类型,订单标题,收/支,支付方式,订单金额,实付金额,…
// 订单金额 is before discounts; 实付金额 is what moved and is the line's amount.

import type { LineDraft } from '../builder.js';
import { definedOnly } from '../defined-only.js';
import { readDataRow, type Layout, type LayoutContext } from '../layout.js';
import { RowProblem } from '../row-fields.js';
import type { LineKind } from '../types.js';
import { DATE_TIME_FORMATS, TIME_FORMATS } from '../when.js';
import { FlowTally, readFlowLabel } from './personal-common.js';

const KNOWN_TYPES: ReadonlyMap<string, LineKind> = new Map<string, LineKind>([
  ['支付', 'payment'],
  ['退款', 'refund'],
  ['还款', 'transfer'],
  ['充值', 'transfer'],
  ['提现', 'transfer'],
]);

export const meituanPersonal: Layout = {
  id: 'meituan-personal',
  channel: 'meituan',
  columns: {
    createdAt: { aliases: ['交易创建时间'] },
    time: { aliases: ['交易成功时间'], required: true },
    type: { aliases: ['交易类型'], required: true },
    description: { aliases: ['订单标题'] },
    flowLabel: { aliases: ['收/支'], required: true },
    paymentMethod: { aliases: ['支付方式'] },
    orderAmount: { aliases: ['订单金额'] },
    amount: { aliases: ['实付金额'], required: true },
    transactionId: { aliases: ['交易单号'] },
    merchantOrder: { aliases: ['商家单号'] },
    memo: { aliases: ['备注'] },
  },
  signature: ['createdAt', 'time', 'type', 'description', 'flowLabel', 'paymentMethod', 'orderAmount', 'amount', 'transactionId', 'merchantOrder'],
  preambleHints: ['美团交易账单明细', '美团用户名'],

  createReader(context: LayoutContext) {
    const tally = new FlowTally();
    return {
      read(row) {
        readDataRow(row, context, (fields): LineDraft => {
          // A transaction that never succeeded has no 交易成功时间; its creation time still dates it.
          const timeField = fields.text('time') === undefined && fields.has('createdAt') ? 'createdAt' : 'time';
          const when = fields.when(timeField, undefined, DATE_TIME_FORMATS, TIME_FORMATS);
          const typeText = fields.requiredText('type');
          fields.partial.typeText = typeText;
          const { flow, label } = readFlowLabel(fields, 'flowLabel');
          const amount = fields.fen('amount');
          tally.add(label, amount);

          const kind = KNOWN_TYPES.get(typeText);
          if (kind === undefined) {
            fields.partial.grossFen = amount;
            throw new RowProblem('unknown-transaction-type', { type: typeText, column: fields.columnName('type') }, 'flagged');
          }
          const orderAmount = fields.has('orderAmount') ? fields.fen('orderAmount', amount) : undefined;
          return {
            occurredAt: when.occurredAt,
            businessDate: when.businessDate,
            kind,
            flow,
            grossFen: kind === 'refund' ? 0 : amount,
            refundFen: kind === 'refund' ? amount : 0,
            feeMilliFen: 0,
            ...definedOnly({
              orderAmountFen: orderAmount,
              channelTransactionId: fields.text('transactionId'),
              merchantOrderNumber: fields.text('merchantOrder'),
              description: fields.text('description'),
              paymentMethod: fields.text('paymentMethod'),
              typeText,
              memo: fields.text('memo'),
            }),
          };
        });
      },
      finish() {
        tally.check(context.out, context.facts, context.out.processed);
      },
    };
  },
};
