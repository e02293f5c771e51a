// What each statement channel reconciles against in the POS, and its defaults.

/** The POS payment methods whose payments a channel's statement settles. */
export const CHANNEL_METHODS: Readonly<Record<string, readonly string[]>> = {
  wechat: ['wechat'],
  alipay: ['alipay'],
  unionpay: ['unionpay'],
  meituan: ['platform'],
  jd: ['platform'],
};

/** Differences up to this many fen are written off when a run names no tolerance. */
export const DEFAULT_TOLERANCE_FEN: Readonly<Record<string, number>> = { wechat: 0, alipay: 0, unionpay: 0, meituan: 0, jd: 0 };

export const DEFAULT_WINDOW_SECONDS = 300;

/** 营业外支出 in the seeded chart of accounts. */
export const DEFAULT_WRITE_OFF_ACCOUNT = '5711';
