import { recordChange } from '../audit/record.js';
import type { Handler } from '../http/handler.js';
import { findReconciliation, reconciliationToApi } from './reconciliation-record.js';

/**
 * Record that finance accepts a reconciliation with its current figures, unexplained items
 * included. The acceptance lasts until a re-run changes the figures. Audited.
 */
export const acceptReconciliation: Handler<'acceptReconciliation'> = async (c) => {
  const reconciliation = await findReconciliation(c.db, c.params.id, c.database.dialect === 'postgres');
  const accepted = { accepted_by: c.principal.name, accepted_at: c.now().toISOString() };
  await c.db.updateTable('reconciliations').set(accepted).where('id', '=', reconciliation.id).execute();
  await recordChange(c.db, {
    resource: 'reconciliation',
    key: reconciliation.id,
    action: 'accept',
    actor: c.actor,
    changes: [
      { field: 'accepted_by', before: reconciliation.accepted_by, after: accepted.accepted_by },
      { field: 'unexplained_count', before: null, after: Number(reconciliation.unexplained_count) },
      ...(c.body?.note ? [{ field: 'note', before: null, after: c.body.note }] : []),
    ],
  });
  return { status: 200, body: reconciliationToApi({ ...reconciliation, ...accepted }) };
};
