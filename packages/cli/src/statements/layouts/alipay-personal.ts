// Alipay account-holder bill (支付宝交易明细, 电子客户回单), GBK or UTF-8 CSV: preamble with the
// period and per-flow totals, then 交易时间,交易分类,交易对方,对方账号,商品说明,收/支,金额,…
//
// 交易分类 is a spending category (餐饮美食, 交通出行, …), not a transaction type, so a new
// category does not stop a row. The direction comes from 收/支. A refund is recognised by the
// 退款 category, a `退款-` description or the 退款成功 status.

import type { LineDraft } from '../builder.js';
import { definedOnly } from '../defined-only.js';
import { readDataRow, type Layout, type LayoutContext } from '../layout.js';
import type { LineKind } from '../types.js';
import { DATE_TIME_FORMATS, TIME_FORMATS } from '../when.js';
import { FlowTally, readFlowLabel } from './personal-common.js';

/** Categories that move money between the holder's own accounts or people, not purchases. */
const TRANSFER_CATEGORIES = new Set(['转账红包', '账户存取', '投资理财', '信用借还', '收入']);

function kindOf(category: string | undefined, description: string | undefined, status: string | undefined): LineKind {
  if (category === '退款' || description?.startsWith('退款-') === true || status === '退款成功') return 'refund';
  if (category !== undefined && TRANSFER_CATEGORIES.has(category)) return 'transfer';
  return 'payment';
}

export const alipayPersonal: Layout = {
  id: 'alipay-personal',
  channel: 'alipay',
  columns: {
    time: { aliases: ['交易时间', '交易创建时间'], required: true },
    category: { aliases: ['交易分类'] },
    counterparty: { aliases: ['交易对方'] },
    counterpartyAccount: { aliases: ['对方账号'] },
    description: { aliases: ['商品说明', '商品名称'] },
    flowLabel: { aliases: ['收/支'], required: true },
    amount: { aliases: ['金额', '金额(元)'], required: true },
    paymentMethod: { aliases: ['收/付款方式'] },
    status: { aliases: ['交易状态'] },
    transactionId: { aliases: ['交易订单号', '交易号'] },
    merchantOrder: { aliases: ['商家订单号'] },
    memo: { aliases: ['备注'] },
  },
  signature: ['time', 'category', 'counterparty', 'description', 'flowLabel', 'amount', 'paymentMethod', 'status', 'transactionId', 'merchantOrder'],
  preambleHints: ['支付宝账户', '支付宝（中国）网络技术有限公司'],

  createReader(context: LayoutContext) {
    const tally = new FlowTally();
    return {
      read(row) {
        readDataRow(row, context, (fields): LineDraft => {
          const when = fields.when('time', undefined, DATE_TIME_FORMATS, TIME_FORMATS);
          const category = fields.text('category');
          if (category !== undefined) fields.partial.typeText = category;
          const { flow, label } = readFlowLabel(fields, 'flowLabel');
          const amount = fields.fen('amount');
          tally.add(label, amount);

          const description = fields.text('description');
          const status = fields.text('status');
          const kind = kindOf(category, description, status);
          return {
            occurredAt: when.occurredAt,
            businessDate: when.businessDate,
            kind,
            flow,
            grossFen: kind === 'refund' ? 0 : amount,
            refundFen: kind === 'refund' ? amount : 0,
            feeMilliFen: 0,
            ...definedOnly({
              channelTransactionId: fields.text('transactionId'),
              merchantOrderNumber: fields.text('merchantOrder'),
              counterparty: fields.text('counterparty'),
              counterpartyAccount: fields.text('counterpartyAccount'),
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
