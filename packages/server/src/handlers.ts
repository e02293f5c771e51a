import { listHistory } from './audit/history.js';
import type { HandlerMap } from './http/handler.js';
import { assetHandlers } from './masterdata/assets.js';
import { employeeHandlers } from './masterdata/employees.js';
import { itemHandlers } from './masterdata/items.js';
import { menuItemHandlers } from './masterdata/menu-items.js';
import { regionHandlers } from './masterdata/regions.js';
import { storeHandlers } from './masterdata/stores.js';
import { supplierHandlers } from './masterdata/suppliers.js';
import { getHealth, getMe } from './system/health.js';
import { createToken, listTokens, revokeToken } from './system/tokens.js';
import { inventoryHandlers } from './inventory/handlers.js';
import { ledgerHandlers } from './ledger/handlers.js';
import { salesHandlers } from './sales/handlers.js';

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
  ...itemHandlers,
  ...menuItemHandlers,
  ...supplierHandlers,
  ...employeeHandlers,
  ...assetHandlers,
  ...salesHandlers,
  ...inventoryHandlers,
  ...ledgerHandlers,
};
