import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { assertVersion, etagOf, parseIfMatch } from '../http/etag.js';
import { recordChange, diffRecords, type Actor } from '../audit/record.js';
import './tables.js';

/** A settings document as stored: its JSON and version (0 while the default applies). */
export interface StoredSetting<T> {
  document: T;
  version: number;
}

/** Read a settings document, or the default with version 0 when none was saved. */
export async function readSetting<T>(db: Kysely<Database>, key: string, fallback: () => T): Promise<StoredSetting<T>> {
  const row = await db.selectFrom('ticket_settings').selectAll().where('key', '=', key).executeTakeFirst();
  if (!row) return { document: fallback(), version: 0 };
  return { document: JSON.parse(row.document) as T, version: row.version };
}

/**
 * Replace a settings document, checking If-Match against its version (0 for the default), and
 * record the change in the audit history under `resource`.
 */
export async function writeSetting<T>(
  db: Kysely<Database>,
  input: { key: string; resource: string; document: T; ifMatch: string | undefined; actor: Actor; now: string; current: StoredSetting<T> },
): Promise<{ document: T; version: number; headers: Record<string, string> }> {
  const { key, resource, document, actor, now, current } = input;
  assertVersion(parseIfMatch(input.ifMatch), current.version, resource, key);
  const version = current.version + 1;

  if (current.version === 0) {
    await db.insertInto('ticket_settings').values({ key, document: JSON.stringify(document), version, updated_at: now }).execute();
  } else {
    await db.updateTable('ticket_settings').set({ document: JSON.stringify(document), version, updated_at: now }).where('key', '=', key).execute();
  }
  await recordChange(db, {
    resource,
    key,
    action: 'update',
    actor,
    changes: diffRecords(current.document as Record<string, unknown>, document as Record<string, unknown>),
    at: now,
  });
  return { document, version, headers: { ETag: etagOf(version) } };
}
