// Texts of sales posting: orders, refunds and batches. Keys follow the core catalogue:
// `error.<code>.title|detail` for problem responses, `field.<code>` for one invalid field or one
// rejected record of a batch, `resource.<name>` for names in messages. Both languages have the
// same keys and placeholders.
export const messages = {
  en: {
    'resource.order': 'order',

    'error.order_conflict.title': 'Order number already used',
    'error.order_conflict.detail':
      'Order "{order_number}" of store "{store_code}" was already posted with different content ({fields}). Nothing was written. Post a correction as a refund, or use a new order number.',
    'error.refund_conflict.title': 'Refund number already used',
    'error.refund_conflict.detail':
      'Refund "{refund_number}" of store "{store_code}" was already posted with different content ({fields}). Nothing was written. Use a new refund number for another refund.',
    'error.batch_rejected.title': 'Batch rejected',
    'error.batch_rejected.detail':
      '{count} {count:order or refund|orders or refunds} of the batch cannot be posted: {indexes}. Nothing was written, because the batch is atomic. Correct them, or send the batch without "atomic" to post the others.',
    'error.nothing_to_refund.title': 'Nothing left to refund',
    'error.nothing_to_refund.detail': 'Order "{order_number}" has already been refunded in full. Nothing was written.',

    'field.line_needs_one_code': 'give exactly one of menu_item_code and item_code',
    'field.refund_lines_and_amount': 'give either lines or amount_fen, not both',
    'field.recipe_item_missing': 'the recipe of menu item "{value}" uses item "{item}", which does not exist; correct the recipe first',
    'field.tax_rate_missing': 'no VAT rate of tax category "{tax_category}" is in force on {date}; add one with `boh ledger tax-rate set {tax_category} <from-date> <rate>`',
    'field.discount_exceeds_gross': 'the discount of {discount_fen} fen is more than the line amount of {gross_fen} fen',
    'field.order_discount_exceeds_net': 'the order discount of {discount_fen} fen is more than the lines come to after their discounts ({net_fen} fen)',
    'field.payments_mismatch': 'the payments add up to {paid_fen} fen but the order comes to {net_fen} fen (difference {difference_fen} fen); every fen paid must be in a payment',
    'field.order_not_found': 'store "{store_code}" has no posted order "{value}"; post the order before its refund',
    'field.refund_before_order': 'the refund time {value} is before the order time {ordered_at}',
    'field.nothing_to_refund': 'order "{order_number}" has already been refunded in full',
    'field.refund_line_not_found': 'the order has no order line {value}; its order lines are 1 to {count}',
    'field.refund_line_repeated': 'line {value} is listed more than once; list each line once',
    'field.refund_quantity_exceeds': 'order line {line_number} has {remaining} left to refund, less than {value}',
    'field.refund_exceeds_remaining': '{value} fen is more than the {remaining_fen} fen left to refund',
    'field.refund_payment_not_found': 'the order has no payment {value}; its payments are 1 to {count}',
    'field.refund_payment_exceeds': '{value} fen is more than the {remaining_fen} fen left of payment {sequence}',
    'field.refund_payments_mismatch': 'the payments add up to {paid_fen} fen but the refund comes to {refund_fen} fen',
    'field.refund_exceeds_payments': 'the refund of {refund_fen} fen is more than the {remaining_fen} fen left of the payments',
    'field.number_conflict': 'the number was already used with different content in {fields}',
    'field.period_closed': 'period {period} is {status}; nothing can be posted into it (reopening needs an admin)',
    'field.insufficient_stock': 'store "{store_code}" has {on_hand} {unit} of item "{item_code}" but needs {required} {unit}, and the chain rejects negative stock',
    'field.posting_rule_missing': 'posting rule "{rule}" has no account for "{qualifier}"; set one with `boh ledger rule set`',
    'field.store_out_of_scope': 'this token is limited to stores {allowed}; store "{store_code}" is not one of them',
  },
  'zh-CN': {
    'resource.order': '订单',

    'error.order_conflict.title': '订单号已使用',
    'error.order_conflict.detail':
      '门店“{store_code}”的订单“{order_number}”已按不同内容过账（{fields}）。本次未写入任何数据。更正请走退款，或使用新的订单号。',
    'error.refund_conflict.title': '退款单号已使用',
    'error.refund_conflict.detail':
      '门店“{store_code}”的退款单“{refund_number}”已按不同内容过账（{fields}）。本次未写入任何数据。另一笔退款请使用新的退款单号。',
    'error.batch_rejected.title': '批次被拒绝',
    'error.batch_rejected.detail':
      '批次中有 {count} 笔订单或退款无法过账：{indexes}。由于批次为整批提交（atomic），未写入任何数据。请更正后重发，或去掉 "atomic" 以先过账其余记录。',
    'error.nothing_to_refund.title': '没有可退的金额',
    'error.nothing_to_refund.detail': '订单“{order_number}”已全额退款。本次未写入任何数据。',

    'field.line_needs_one_code': '须且只能填写 menu_item_code 与 item_code 之一',
    'field.refund_lines_and_amount': 'lines 与 amount_fen 只能二选一',
    'field.recipe_item_missing': '菜品“{value}”的配方用到的物料“{item}”不存在；请先更正配方',
    'field.tax_rate_missing': '税目“{tax_category}”在 {date} 没有适用的增值税税率；请用 `boh ledger tax-rate set {tax_category} <起始日期> <税率>` 添加',
    'field.discount_exceeds_gross': '折扣 {discount_fen} 分超过了该行金额 {gross_fen} 分',
    'field.order_discount_exceeds_net': '整单折扣 {discount_fen} 分超过了各行折后合计 {net_fen} 分',
    'field.payments_mismatch': '支付合计 {paid_fen} 分，订单应收 {net_fen} 分（差额 {difference_fen} 分）；每一分钱都须体现在支付明细中',
    'field.order_not_found': '门店“{store_code}”没有已过账的订单“{value}”；请先过账订单再退款',
    'field.refund_before_order': '退款时间 {value} 早于下单时间 {ordered_at}',
    'field.nothing_to_refund': '订单“{order_number}”已全额退款',
    'field.refund_line_not_found': '原订单没有第 {value} 行明细；明细行号为 1 至 {count}',
    'field.refund_line_repeated': '第 {value} 行重复出现；每行只列一次',
    'field.refund_quantity_exceeds': '原订单第 {line_number} 行明细可退数量为 {remaining}，少于 {value}',
    'field.refund_exceeds_remaining': '{value} 分超过了可退金额 {remaining_fen} 分',
    'field.refund_payment_not_found': '订单没有第 {value} 笔支付；支付序号为 1 至 {count}',
    'field.refund_payment_exceeds': '{value} 分超过了第 {sequence} 笔支付的可退金额 {remaining_fen} 分',
    'field.refund_payments_mismatch': '退款支付合计 {paid_fen} 分，退款金额为 {refund_fen} 分',
    'field.refund_exceeds_payments': '退款 {refund_fen} 分超过了各笔支付剩余可退的 {remaining_fen} 分',
    'field.number_conflict': '该编号已按不同内容使用过，差异在 {fields}',
    'field.period_closed': '会计期间 {period} 状态为 {status}，不能再过账（重新打开需管理员）',
    'field.insufficient_stock': '门店“{store_code}”物料“{item_code}”库存 {on_hand} {unit}，需要 {required} {unit}，而本连锁不允许负库存',
    'field.posting_rule_missing': '记账规则“{rule}”没有“{qualifier}”对应的科目；请用 `boh ledger rule set` 设置',
    'field.store_out_of_scope': '此令牌仅限门店 {allowed}；门店“{store_code}”不在其中',
  },
} as const;
