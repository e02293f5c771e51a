// Texts of inventory: stock documents, counts and the stock policy. Keys follow the core
// catalogue; both languages have the same keys and placeholders.
export const messages = {
  en: {
    'resource.stock_count': 'stock count',
    'resource.stock_settings': 'stock policy',

    'error.insufficient_stock.title': 'Not enough stock',
    'error.insufficient_stock.detail':
      'Store "{store_code}" has {on_hand} {unit} of item "{item_code}" but needs {required} {unit}, and the chain rejects negative stock. Receive the stock first, or change the policy with `boh stock policy --negative allow`.',
    'error.stock_count_not_draft.title': 'Stock count already closed',
    'error.stock_count_not_draft.detail': 'Stock count {id} is {status}; only a draft can be changed, posted or cancelled. Start a new count.',

    'field.stock_conversion_precision': '{quantity} {unit} at {factor} {base_unit} each has more than 6 decimal places of {base_unit}; give the quantity in {base_unit}',
    'field.transfer_same_store': 'a transfer needs another store than the sending one',
    'field.only_for_transfers': 'is only for transfers',
    'field.only_for_receipts': 'is only for receipts',
    'field.value_not_allowed': 'a {kind} is valued at moving-average cost; leave out the value',
    'label.stock_count_status.draft': 'draft',
    'label.stock_count_status.posted': 'posted',
    'label.stock_count_status.cancelled': 'cancelled',
    'label.stock_document_kind.receipt': 'receipt',
    'label.stock_document_kind.opening': 'opening stock document',
    'label.stock_document_kind.waste': 'write-off',
    'label.stock_document_kind.transfer': 'transfer',
  },
  'zh-CN': {
    'resource.stock_count': '盘点单',
    'resource.stock_settings': '库存策略',

    'error.insufficient_stock.title': '库存不足',
    'error.insufficient_stock.detail':
      '门店“{store_code}”物料“{item_code}”库存 {on_hand} {unit}，需要 {required} {unit}，而本连锁不允许负库存。请先入库，或用 `boh stock policy --negative allow` 修改策略。',
    'error.stock_count_not_draft.title': '盘点单已结束',
    'error.stock_count_not_draft.detail': '盘点单 {id} 状态为“{status}”；只有草稿可以修改、过账或作废。请新建盘点单。',

    'field.stock_conversion_precision': '{quantity} {unit} 按每单位 {factor} {base_unit} 换算后超过 {base_unit} 的 6 位小数；请直接按 {base_unit} 填写数量',
    'field.transfer_same_store': '调拨的调入门店须与调出门店不同',
    'field.only_for_transfers': '仅用于调拨',
    'field.only_for_receipts': '仅用于入库',
    'field.value_not_allowed': '{kind}单据按移动加权平均成本计价；请勿填写金额',
    'label.stock_count_status.draft': '草稿',
    'label.stock_count_status.posted': '已过账',
    'label.stock_count_status.cancelled': '已作废',
    'label.stock_document_kind.receipt': '入库',
    'label.stock_document_kind.opening': '期初库存',
    'label.stock_document_kind.waste': '报损',
    'label.stock_document_kind.transfer': '调拨',
  },
} as const;
