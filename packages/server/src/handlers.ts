import { listHistory } from './audit/history.js';
import type { HandlerMap } from './http/handler.js';
import { regionHandlers } from './masterdata/regions.js';
import { storeHandlers } from './masterdata/stores.js';
import { getHealth, getMe } from './system/health.js';
import { createToken, listTokens, revokeToken } from './system/tokens.js';

/** The handler of every operation in the contract, by operationId. */
export const handlers: HandlerMap = {
  getHealth,
  getMe,
  listTokens,
  createToken,
  revokeToken,
  listHistory,
  ...regionHandlers,
  ...storeHandlers,
};
