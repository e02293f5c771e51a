import { resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';
import { SqliteBooleanPlugin } from './sqlite-booleans.js';
import { ImmediateSqliteDialect } from './sqlite-dialect.js';
import { databaseStartupError, StartupError } from '../startup-error.js';
import { withStatementCache } from './statement-cache.js';

export type DialectName = 'sqlite' | 'postgres';

/** An open database with the name of its dialect, which a few queries need. */
export interface BohDatabase {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  /** Where the data is, without any password, for logs and `/health`. */
  readonly location: string;
  /** The PostgreSQL schema holding BOH's tables; undefined on SQLite. */
  readonly schema?: string;
  /**
   * The SQLite connection under `db`, for bulk writes through prepared statements that are
   * reused row after row. SQLite has this one connection, so such statements run inside the
   * kysely transaction that is open at the time. Undefined on PostgreSQL.
   */
  readonly sqlite?: SQLite.Database;
  close(): Promise<void>;
}

/** The database used when none is configured: a file in the working directory. */
export const DEFAULT_SQLITE_FILE = 'boh.db';

/**
 * Open the database named by `url`: `postgres://…` or `postgresql://…` for PostgreSQL (a
 * `schema=` query parameter selects and creates a schema), anything else is a SQLite file path
 * (`file:` prefix allowed). Nothing is migrated here; see `migrateToLatest`.
 */
export async function openDatabase(url: string = DEFAULT_SQLITE_FILE): Promise<BohDatabase> {
  if (/^postgres(ql)?:\/\//i.test(url)) return openPostgres(url);

  // sqlite:///abs/path, sqlite:rel/path, file:path or a plain path; any other scheme is a mistake.
  const sqlitePath = url.replace(/^(sqlite|file):(\/\/)?/i, '');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(sqlitePath)) throw new StartupError('unsupported_database_url', { location: url });
  try {
    return openSqlite(sqlitePath);
  } catch (error) {
    throw databaseStartupError(error, resolve(sqlitePath)) ?? error;
  }
}

function openSqlite(path: string): BohDatabase {
  const file = path === ':memory:' ? path : resolve(path);
  const connection = new SQLite(file);
  // WAL lets readers run beside the one writer; the busy timeout makes a second process wait
  // for the lock instead of failing at once.
  // The first statement reads the file header, so a file that is not SQLite fails here.
  connection.pragma('journal_mode = WAL');
  connection.pragma('synchronous = NORMAL');
  connection.pragma('busy_timeout = 10000');
  connection.pragma('foreign_keys = ON');

  const db = new Kysely<Database>({
    dialect: new ImmediateSqliteDialect({ database: withStatementCache(connection) }),
    plugins: [new SqliteBooleanPlugin()],
  });
  return { db, dialect: 'sqlite', location: file, sqlite: connection, close: () => db.destroy() };
}

async function openPostgres(url: string): Promise<BohDatabase> {
  installPostgresTypeParsers();

  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema');
  parsed.searchParams.delete('schema');
  if (schema !== null && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new StartupError('invalid_schema_name', { schema });
  }

  const pool = new pg.Pool({
    connectionString: parsed.toString(),
    max: Number(process.env.BOH_PG_POOL_SIZE ?? 10),
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  parsed.password = '';
  const location = `${parsed.toString()}${schema ? ` (schema ${schema})` : ''}`;
  try {
    if (schema) await createSchema(db, schema);
    else await sql`select 1`.execute(db);
  } catch (error) {
    await db.destroy();
    throw databaseStartupError(error, location) ?? error;
  }

  return { db, dialect: 'postgres', location, schema: schema ?? 'public', close: () => db.destroy() };
}

let parsersInstalled = false;

// node-postgres returns int8 as strings and timestamps as Date objects. BOH keeps money in
// int8 fen below 2^53 and instants as ISO strings, so both dialects return the same JSON.
function installPostgresTypeParsers(): void {
  if (parsersInstalled) return;
  const { types } = pg;
  types.setTypeParser(types.builtins.INT8, (value) => Number(value));
  types.setTypeParser(types.builtins.NUMERIC, (value) => Number(value));
  types.setTypeParser(types.builtins.DATE, (value) => value);
  types.setTypeParser(types.builtins.TIMESTAMPTZ, (value) => new Date(value).toISOString());
  types.setTypeParser(types.builtins.TIMESTAMP, (value) => new Date(`${value}Z`).toISOString());
  parsersInstalled = true;
}

// Two processes creating the same schema at once can both pass "if not exists" and one then
// fails on the catalogue's unique index; the schema exists either way.
async function createSchema(db: Kysely<Database>, schema: string): Promise<void> {
  try {
    await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== '23505' && code !== '42P06') throw error;
  }
}
