// JD account-holder bill (京东交易流水): preamble with the period and per-flow totals, then
// 交易时间,商户名称,交易说明,金额,收/付款方式,交易状态,收/支,交易分类,交易订单号,商家订单号,备注.
//
// 金额 may carry the refunds made on the payment: `131.77(已退款89.84)` or `468.32(已全额退款)`.
// JD counts such a payment at its amount less the refund, and lists each refund again as a
// 不计收支 row, so the refund rows are neutral and nothing is counted twice.

import type { LineDraft } from '../builder.js';
import { definedOnly } from '../defined-only.js';
import { readDataRow, type Layout, type LayoutContext } from '../layout.js';
import { RowProblem } from '../row-fields.js';
import { DATE_TIME_FORMATS, TIME_FORMATS } from '../when.js';
import { FlowTally, readFlowLabel } from './personal-common.js';

const REFUND_NOTE = /^(.*?)\s*[(（]\s*(?:已退款\s*(.+?)|(已全额退款))\s*[)）]$/u;

export const jdPersonal: Layout = {
  id: 'jd-personal',
  channel: 'jd',
  columns: {
    time: { aliases: ['交易时间'], required: true },
    counterparty: { aliases: ['商户名称'] },
    description: { aliases: ['交易说明'] },
    amount: { aliases: ['金额'], required: true },
    paymentMethod: { aliases: ['收/付款方式'] },
    status: { aliases: ['交易状态'] },
    flowLabel: { aliases: ['收/支'], required: true },
    category: { aliases: ['交易分类'] },
    transactionId: { aliases: ['交易订单号'] },
    merchantOrder: { aliases: ['商家订单号'] },
    memo: { aliases: ['备注'] },
  },
  signature: ['time', 'counterparty', 'description', 'amount', 'paymentMethod', 'status', 'flowLabel', 'category', 'transactionId', 'merchantOrder'],
  preambleHints: ['京东账号名'],

  createReader(context: LayoutContext) {
    const tally = new FlowTally();
    return {
      read(row) {
        readDataRow(row, context, (fields): LineDraft => {
          const when = fields.when('time', undefined, DATE_TIME_FORMATS, TIME_FORMATS);
          const category = fields.text('category');
          if (category !== undefined) fields.partial.typeText = category;
          const { flow, label } = readFlowLabel(fields, 'flowLabel');

          const amountText = fields.requiredText('amount');
          const note = REFUND_NOTE.exec(amountText);
          const amount = fields.fenFromText('amount', note?.[1] ?? amountText);
          let refunded = 0;
          if (note?.[3] !== undefined) refunded = amount;
          else if (note?.[2] !== undefined) refunded = fields.fenFromText('amount', note[2]);
          if (refunded > amount) {
            throw new RowProblem('amount-invalid', { column: fields.columnName('amount'), value: amountText });
          }
          tally.add(label, amount - refunded);

          const description = fields.text('description');
          const status = fields.text('status');
          const isRefund = description?.startsWith('退款') === true || status === '退款成功';
          return {
            occurredAt: when.occurredAt,
            businessDate: when.businessDate,
            kind: isRefund ? 'refund' : 'payment',
            flow,
            grossFen: isRefund ? 0 : amount,
            refundFen: isRefund ? amount : refunded,
            feeMilliFen: 0,
            ...definedOnly({
              channelTransactionId: fields.text('transactionId'),
              merchantOrderNumber: fields.text('merchantOrder'),
              counterparty: fields.text('counterparty'),
              description,
              paymentMethod: fields.text('paymentMethod'),
              status,
              typeText: category,
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
