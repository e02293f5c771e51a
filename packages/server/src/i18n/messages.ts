import { en } from './en.js';
import { createTranslator } from './format.js';
import { zhCN } from './zh-CN.js';

export type MessageKey = keyof typeof en;

/** Translate a server message key into the given language. */
export const translate = createTranslator({ en, 'zh-CN': zhCN });

/** The names of resources as users read them, keyed by the API's resource names. */
export const resourceNames: Record<string, { en: string; 'zh-CN': string }> = {
  region: { en: 'region', 'zh-CN': '区域' },
  store: { en: 'store', 'zh-CN': '门店' },
  item: { en: 'item', 'zh-CN': '物料' },
  menu_item: { en: 'menu item', 'zh-CN': '菜品' },
  supplier: { en: 'supplier', 'zh-CN': '供应商' },
  employee: { en: 'employee', 'zh-CN': '员工' },
  asset: { en: 'asset', 'zh-CN': '设备资产' },
  token: { en: 'token', 'zh-CN': '令牌' },
};
