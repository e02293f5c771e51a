import { listHistory } from './audit/history.js';
import type { HandlerMap } from './http/handler.js';
import { lifecycleHandlers } from './lifecycle/handlers.js';
import { assetHandlers } from './masterdata/assets.js';
import { employeeHandlers } from './masterdata/employees.js';
import { itemHandlers } from './masterdata/items.js';
import { menuItemHandlers } from './masterdata/menu-items.js';
import { regionHandlers } from './masterdata/regions.js';
import { storeHandlers } from './masterdata/stores.js';
import { supplierHandlers } from './masterdata/suppliers.js';
import { getContract, getHealth, getMe } from './system/health.js';
import { importHandlers } from './imports/handlers.js';
import { createToken, listTokens, revokeToken } from './system/tokens.js';
import { repairTicketHandlers } from './tickets/index-handlers.js';
import { inventoryHandlers } from './inventory/handlers.js';
import { ledgerHandlers } from './ledger/handlers.js';
import { closeHandlers } from './close/handlers.js';
import { salesHandlers } from './sales/handlers.js';
import { reportHandlers } from './reports/handlers.js';
import { reconciliationHandlers } from './reconciliation/handlers.js';

/** The handler of every operation in the contract, by operationId. */
export const handlers: HandlerMap = {
  getHealth,
  getContract,
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
  ...lifecycleHandlers,
  ...repairTicketHandlers,
  ...importHandlers,
  ...salesHandlers,
  ...inventoryHandlers,
  ...ledgerHandlers,
  ...closeHandlers,
  ...reportHandlers,
  ...reconciliationHandlers,
};
