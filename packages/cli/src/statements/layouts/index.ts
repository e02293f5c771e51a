// The payment-platform layouts written in code. Bank layouts are mapping profiles in
// templates/statements/ and become layouts through `profileLayout`.

import type { Layout } from '../layout.js';
import { alipayMerchantAccount, alipayMerchantTrade } from './alipay-merchant.js';
import { alipayPersonal } from './alipay-personal.js';
import { jdPersonal } from './jd-personal.js';
import { meituanPersonal } from './meituan-personal.js';
import { wechatMerchantRefund, wechatMerchantTrade } from './wechat-merchant.js';
import { wechatPersonal } from './wechat-personal.js';

export const BUILT_IN_LAYOUTS: readonly Layout[] = [
  wechatMerchantTrade,
  wechatMerchantRefund,
  alipayMerchantTrade,
  alipayMerchantAccount,
  wechatPersonal,
  alipayPersonal,
  meituanPersonal,
  jdPersonal,
];
