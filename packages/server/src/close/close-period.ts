import { ApiError, validationError } from '../http/api-error.js';
import type { Language } from '../i18n/language.js';
import { postingTime, type PostingContext } from '../ledger/context.js';
import { changePeriod, newPeriodRow } from '../ledger/periods.js';
import type { AccountingPeriodTable } from '../ledger/tables.js';
import { closeCheckKeys, runCloseChecks } from './checks.js';
import { storeSnapshot } from './snapshot.js';

export interface CloseOptions {
  /** Keys of failing checks to close despite; kept in the audit event and the snapshot. */
  accept?: string[];
  note?: string;
}

/**
 * Close a period (月结) in the context's transaction: lock its row, run the checklist, refuse
 * with 409 close_checklist_failed while a blocking check fails unaccepted, then close it and
 * store a snapshot of its totals. Closing a closed period returns it unchanged; a locked one
 * gets period_transition_invalid from changePeriod.
 */
export async function closePeriodWithChecklist(context: PostingContext, period: string, options: CloseOptions, language: Language): Promise<AccountingPeriodTable> {
  const accept = options.accept ?? [];
  const keys = closeCheckKeys();
  const unknown = accept.map((value, index) => ({ value, index })).filter(({ value }) => !keys.includes(value));
  if (unknown.length > 0) {
    throw validationError(unknown.map(({ value, index }) => ({ field: `body.accept[${index}]`, code: 'close_check_unknown', params: { value, keys: keys.join(', ') }, value })));
  }

  const now = postingTime(context);
  await context.db.insertInto('accounting_periods').values(newPeriodRow(period, now)).onConflict((oc) => oc.column('period').doNothing()).execute();
  // Held to the end of the transaction: postings into the period wait, so what was checked is what is closed.
  let query = context.db.selectFrom('accounting_periods').selectAll().where('period', '=', period);
  if (context.dialect === 'postgres') query = query.forUpdate();
  const row = (await query.executeTakeFirstOrThrow()) as AccountingPeriodTable;
  if (row.status !== 'open') return changePeriod(context, period, 'close');

  const checks = await runCloseChecks({ db: context.db, dialect: context.dialect, period }, language, accept);
  const failing = checks.filter((check) => !check.ok);
  if (failing.length > 0) {
    throw new ApiError(409, 'close_checklist_failed', {
      period,
      failing: failing.map((check) => check.key).join(', '),
      checks: failing.map((check) => ({ key: check.key, state: check.state, count: check.count ?? null, amount_fen: check.amount_fen ?? null })),
    });
  }

  const accepted = checks.filter((check) => check.state === 'accepted').map((check) => check.key);
  const snapshot = await storeSnapshot(context.db, period, { name: context.actor.name, requestId: context.actor.requestId, now }, accepted, checks);
  const audit = [
    { field: 'snapshot', before: null, after: { sequence: snapshot.sequence, content_hash: snapshot.contentHash } },
    ...(accepted.length > 0 ? [{ field: 'accepted_checks', before: null, after: accepted }] : []),
    ...(accepted.length > 0 && options.note ? [{ field: 'note', before: null, after: options.note }] : []),
  ];
  return changePeriod(context, period, 'close', undefined, audit);
}
