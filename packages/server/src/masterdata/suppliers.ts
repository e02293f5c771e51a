import { sql, type Kysely } from 'kysely';
import type { components } from '@boh/sdk/types';
import type { DialectName } from '../db/connect.js';
import type { FieldIssue } from '../http/api-error.js';
import type { Handler } from '../http/handler.js';
import { callerOf, createRecord, getRecord, listRecords, pick, updateRecord, type MasterResource } from './resource.js';
import { normaliseUscc, usccProblem } from './uscc.js';

type Supplier = components['schemas']['Supplier'];

const EDITABLE = ['name', 'uscc', 'contact_name', 'phone', 'email', 'address', 'payment_terms_days', 'bank_name', 'bank_account'] as const;

export const suppliers: MasterResource<Supplier> = {
  resource: 'supplier',
  table: 'suppliers',
  toApi: (row) => ({
    code: row.code,
    name: row.name,
    uscc: row.uscc ?? null,
    contact_name: row.contact_name ?? null,
    phone: row.phone ?? null,
    email: row.email ?? null,
    address: row.address ?? null,
    payment_terms_days: row.payment_terms_days ?? null,
    bank_name: row.bank_name ?? null,
    bank_account: row.bank_account ?? null,
    active: Boolean(row.active),
    version: row.version,
    created_at: row.created_at,
    updated_at: row.updated_at,
  }),
  toColumns: (fields) => {
    const columns = pick(fields, EDITABLE);
    if ('uscc' in columns) columns.uscc = normaliseUscc(columns.uscc as string | null);
    return columns;
  },
  defaults: {
    uscc: null, contact_name: null, phone: null, email: null, address: null, payment_terms_days: null, bank_name: null,
    bank_account: null,
  },
  sorts: {
    code: { column: 'code', text: true },
    name: { column: 'name', text: true },
    created_at: { column: 'created_at' },
    updated_at: { column: 'updated_at' },
  },
  filter: (query, params) => (params.uscc !== undefined ? query.where('uscc', '=', normaliseUscc(params.uscc as string) ?? '') : query),
  check: async (db, record, _existing, dialect) => {
    if (record.uscc === null) return [];
    const problem = usccProblem(record.uscc);
    if (problem) return [{ field: 'body.uscc', code: 'invalid_uscc', params: { value: record.uscc, reason: problem }, value: record.uscc }];
    return record.active ? checkUsccUnused(db, dialect, record.uscc, record.code) : [];
  },
};

/**
 * Report a code that another active supplier has. On PostgreSQL a transaction-scoped advisory
 * lock on the code makes a second request for the same code wait until the first commits. Its
 * query then reads that supplier, so it gets this issue instead of a unique-index error. SQLite
 * runs one write transaction at a time and needs no lock.
 */
async function checkUsccUnused(db: Kysely<any>, dialect: DialectName, uscc: string, code: string): Promise<FieldIssue[]> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(hashtext(${`supplier.uscc:${uscc}`}))`.execute(db);
  const other = await db
    .selectFrom('suppliers')
    .select('code')
    .where('uscc', '=', uscc)
    .where('active', '=', true)
    .where('code', '!=', code)
    .executeTakeFirst();
  if (!other) return [];
  return [{ field: 'body.uscc', code: 'uscc_taken', params: { value: uscc, other: other.code }, value: uscc }];
}

const listSuppliers: Handler<'listSuppliers'> = async (c) => ({ status: 200, body: await listRecords(suppliers, callerOf(c), c.query) });
const getSupplier: Handler<'getSupplier'> = async (c) => getRecord(suppliers, callerOf(c), c.params.code);
const createSupplier: Handler<'createSupplier'> = async (c) => createRecord(suppliers, callerOf(c), c.body);
const updateSupplier: Handler<'updateSupplier'> = async (c) =>
  updateRecord(suppliers, callerOf(c), c.params.code, c.body, c.headers['if-match']);
const deactivateSupplier: Handler<'deactivateSupplier'> = async (c) =>
  updateRecord(suppliers, callerOf(c), c.params.code, { active: false }, c.headers['if-match'], 'deactivate');

export const supplierHandlers = { listSuppliers, getSupplier, createSupplier, updateSupplier, deactivateSupplier };
