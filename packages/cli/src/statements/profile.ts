// Declarative mapping profiles: a bank statement or any other table layout described in JSON
// (templates/statements/*.json) and read by the generic profile parser. A new bank is a new
// file. The schema below is the format's reference; `templates/statements/README.md` explains it.

import { z } from 'zod';
import { zodError, zodMessage } from '../i18n/zod-locale.js';
import './profile-messages.js';
import { CHANNELS } from './types.js';

/** Fields a profile can map to columns; see the README for what each one means. */
export const PROFILE_FIELDS = [
  'date',
  'time',
  'postingDate',
  'amount',
  'amountIn',
  'amountOut',
  'gross',
  'refund',
  'fee',
  'flag',
  'currency',
  'balance',
  'type',
  'description',
  'counterparty',
  'counterpartyAccount',
  'transactionId',
  'merchantOrderNumber',
  'channelRefundId',
  'merchantRefundId',
  'merchantId',
  'storeId',
  'terminalId',
  'status',
  'paymentMethod',
  'memo',
] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

const KINDS = ['payment', 'refund', 'fee', 'transfer', 'other'] as const;
const FLOWS = ['in', 'out', 'neutral'] as const;

/** A regular expression in a JSON string; checked when the profile is loaded. */
const pattern = z.string().refine(
  (source) => {
    try {
      new RegExp(source, 'u');
      return true;
    } catch {
      return false;
    }
  },
  zodError('statement.profile.regex_invalid'),
);

const rule = z.object({ pattern, kind: z.enum(KINDS), flow: z.enum(FLOWS) }).strict();

const direction = z.discriminatedUnion('from', [
  /** One signed amount column; `positive` gives the flow of a positive amount. */
  z.object({ from: z.literal('signed-amount'), positive: z.enum(['in', 'out']) }).strict(),
  /** Separate money-in and money-out columns (amountIn, amountOut). */
  z.object({ from: z.literal('in-out-columns') }).strict(),
  /** An unsigned amount and a debit/credit column (flag) whose text contains one of these. */
  z.object({ from: z.literal('flag-column'), in: z.array(z.string()).min(1), out: z.array(z.string()).min(1) }).strict(),
  /** Rules on the type or description text; a row no rule matches is quarantined as unknown. */
  z.object({ from: z.literal('rules'), column: z.enum(['type', 'description']), rules: z.array(rule).min(1) }).strict(),
]);

export const profileSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/u, zodError('statement.profile.id_format')),
    channel: z.enum(CHANNELS),
    description: z.string().optional(),
    /** Fields whose columns identify the layout, and texts above the header that confirm it. */
    detect: z.object({ signature: z.array(z.enum(PROFILE_FIELDS)).min(3), preambleHints: z.array(z.string()).optional() }).strict(),
    /** Field → header names, compared without spaces, with full-width brackets folded. */
    columns: z.partialRecord(z.enum(PROFILE_FIELDS), z.array(z.string().min(1)).min(1)),
    /** Date formats of the date and posting-date columns (tokens YYYY MM M DD D HH H mm ss Z). */
    dateFormats: z.array(z.string().min(1)).min(1),
    /** Formats of a separate time column. */
    timeFormats: z.array(z.string().min(1)).optional(),
    /** Zone of wall-clock times unless the file states one; default Asia/Shanghai. */
    timeZone: z.string().optional(),
    /** Use the posting date when the transaction date cell is empty. */
    dateFallsBackToPostingDate: z.boolean().optional(),
    direction,
    /** Kind of line by the type or description text, first match wins; default transfer. */
    kinds: z.array(z.object({ pattern, kind: z.enum(KINDS) }).strict()).optional(),
    /** Spellings of the currency column that mean CNY. */
    cnyNames: z.array(z.string()).optional(),
    /** Rows whose first non-empty cell matches are notes, not transactions. */
    skipRows: z.array(pattern).optional(),
    /** Rows whose first non-empty cell matches state totals in the amount columns. */
    summaryRows: z.array(pattern).optional(),
  })
  .strict()
  .superRefine((profile, context) => {
    const has = (field: ProfileField): boolean => profile.columns[field] !== undefined;
    const needs: ProfileField[] = [];
    if (profile.direction.from === 'in-out-columns') needs.push('amountIn', 'amountOut');
    else if (!has('gross')) needs.push('amount');
    if (profile.direction.from === 'flag-column') needs.push('flag');
    if (profile.direction.from === 'rules') needs.push(profile.direction.column);
    if (has('gross') && profile.direction.from !== 'rules') {
      context.addIssue({ code: 'custom', path: ['direction'], message: zodMessage('statement.profile.gross_needs_rules') });
    }
    for (const field of needs) {
      if (!has(field)) context.addIssue({ code: 'custom', path: ['columns', field], message: zodMessage('statement.profile.column_required', { field }) });
    }
    for (const field of profile.detect.signature) {
      if (!has(field)) context.addIssue({ code: 'custom', path: ['detect', 'signature'], message: zodMessage('statement.profile.signature_without_column', { field }) });
    }
  });

export type StatementProfile = z.infer<typeof profileSchema>;
