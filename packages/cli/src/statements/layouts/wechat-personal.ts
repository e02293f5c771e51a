// WeChat Pay account-holder bill (微信支付账单明细), exported as CSV or XLSX: preamble with the
// period and per-flow totals, then 交易时间,交易类型,交易对方,商品,收/支,金额(元),…

import type { LineDraft } from '../builder.js';
import { readDataRow, type Layout, type LayoutContext } from '../layout.js';
import { definedOnly } from '../defined-only.js';
import { RowProblem } from '../row-fields.js';
import type { LineKind } from '../types.js';
import { DATE_TIME_FORMATS, TIME_FORMATS } from '../when.js';
import { FlowTally, readFlowLabel } from './personal-common.js';

/** Transaction types (交易类型) the parser accepts, with the kind of line each makes. */
const KNOWN_TYPES: ReadonlyMap<string, LineKind> = new Map<string, LineKind>([
  ['商户消费', 'payment'],
  ['扫二维码付款', 'payment'],
  ['二维码收款', 'payment'],
  ['亲属卡交易', 'payment'],
  ['赞赏码', 'payment'],
  ['群收款', 'payment'],
  ['退款', 'refund'],
  ['转账', 'transfer'],
  ['微信红包', 'transfer'],
  ['零钱提现', 'transfer'],
  ['零钱充值', 'transfer'],
  ['信用卡还款', 'transfer'],
  ['购买理财通', 'transfer'],
  ['其他', 'other'],
]);

/** Types named by a prefix and a destination, such as `零钱通转出-到工商银行(9876)`. */
const TYPE_PREFIXES: readonly (readonly [string, LineKind])[] = [
  ['零钱通转出-', 'transfer'],
  ['转入零钱通-', 'transfer'],
  ['微信红包（', 'transfer'],
  ['理财通', 'transfer'],
];

/** Returns the kind of a 交易类型, or undefined when the type is not known. */
export function wechatTypeKind(type: string): LineKind | undefined {
  if (type.endsWith('-退款') || type.endsWith('退款')) return 'refund';
  return KNOWN_TYPES.get(type) ?? TYPE_PREFIXES.find(([prefix]) => type.startsWith(prefix))?.[1];
}

/** `服务费¥0.10` in 备注: the withdrawal fee included in the amount. */
const SERVICE_FEE = /服务费\s*[¥￥]?\s*(\d+(?:\.\d+)?)/u;

export const wechatPersonal: Layout = {
  id: 'wechat-personal',
  channel: 'wechat',
  columns: {
    time: { aliases: ['交易时间'], required: true },
    type: { aliases: ['交易类型'], required: true },
    counterparty: { aliases: ['交易对方'] },
    description: { aliases: ['商品'] },
    flowLabel: { aliases: ['收/支'], required: true },
    amount: { aliases: ['金额(元)', '金额'], required: true },
    paymentMethod: { aliases: ['支付方式'] },
    status: { aliases: ['当前状态'] },
    transactionId: { aliases: ['交易单号'] },
    merchantOrder: { aliases: ['商户单号'] },
    memo: { aliases: ['备注'] },
  },
  signature: ['time', 'type', 'counterparty', 'description', 'flowLabel', 'amount', 'paymentMethod', 'status', 'transactionId', 'merchantOrder'],
  preambleHints: ['微信支付账单明细', '微信昵称'],

  createReader(context: LayoutContext) {
    const tally = new FlowTally();
    return {
      read(row) {
        readDataRow(row, context, (fields): LineDraft => {
          const when = fields.when('time', undefined, DATE_TIME_FORMATS, TIME_FORMATS);
          const typeText = fields.requiredText('type');
          fields.partial.typeText = typeText;
          const { flow, label } = readFlowLabel(fields, 'flowLabel');
          const amount = fields.fen('amount');
          tally.add(label, amount);

          const kind = wechatTypeKind(typeText);
          if (kind === undefined) {
            fields.partial.grossFen = amount;
            throw new RowProblem('unknown-transaction-type', { type: typeText, column: fields.columnName('type') }, 'flagged');
          }
          const memo = fields.text('memo');
          const fee = SERVICE_FEE.exec(memo ?? '')?.[1];
          const feeFen = fee === undefined ? 0 : fields.fenFromText('memo', fee);
          return {
            occurredAt: when.occurredAt,
            businessDate: when.businessDate,
            kind,
            flow,
            grossFen: kind === 'refund' ? 0 : amount,
            refundFen: kind === 'refund' ? amount : 0,
            feeMilliFen: feeFen * 1000,
            ...definedOnly({
              channelTransactionId: fields.text('transactionId'),
              merchantOrderNumber: fields.text('merchantOrder'),
              counterparty: fields.text('counterparty'),
              description: fields.text('description'),
              paymentMethod: fields.text('paymentMethod'),
              status: fields.text('status'),
              typeText,
              memo,
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
