// The fixed vocabularies of sales, shared with other domains through the summary tables.

/** Where an order was taken: in the store, to take away, through a delivery platform or a mini program. */
export const SALES_CHANNELS = ['dine_in', 'takeaway', 'delivery_meituan', 'delivery_eleme', 'delivery_other', 'mini_program'] as const;
export type SalesChannel = (typeof SALES_CHANNELS)[number];

/** How an order was paid; `platform` is settled later by the delivery platform. */
export const PAYMENT_METHODS = ['wechat', 'alipay', 'unionpay', 'cash', 'stored_value', 'platform'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** The kinds of items of master data, which choose the inventory account of their stock. */
export const ITEM_KINDS = ['raw_material', 'semi_finished', 'packaging', 'merchandise', 'spare_part', 'consumable'] as const;

/** The VAT categories of items and menu items. */
export const TAX_CATEGORIES = ['goods', 'agricultural', 'catering_service', 'exempt'] as const;
