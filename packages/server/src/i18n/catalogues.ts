import type { Language } from './language.js';
import { en } from './en.js';
import { zhCN } from './zh-CN.js';
import { messages as lifecycleMessages } from '../lifecycle/messages.js';
import { ticketMessages } from '../tickets/messages.js';
import { importMessages } from '../imports/messages.js';
import { messages as inventoryMessages } from '../inventory/messages.js';
import { messages as ledgerMessages } from '../ledger/messages.js';
import { messages as salesMessages } from '../sales/messages.js';
import { messages as closeMessages } from '../close/messages.js';
import { messages as reportMessages } from '../reports/messages.js';
import { reconciliationMessages } from '../reconciliation/messages.js';

/** The messages of one part of the server, in every language, with the same keys in each. */
export type Catalogue = Readonly<Record<Language, Readonly<Record<string, string>>>>;

/**
 * Every server catalogue. A domain keeps its messages in its own `messages.ts` (keys prefixed
 * with `error.` and `field.` like the core ones) and is listed here once.
 */
export const CATALOGUES: readonly Catalogue[] = [
  { en, 'zh-CN': zhCN },
  lifecycleMessages,
  ticketMessages,
  importMessages,
  salesMessages,
  inventoryMessages,
  ledgerMessages,
  closeMessages,
  reportMessages,
  reconciliationMessages,
];
