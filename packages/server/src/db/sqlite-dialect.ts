import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDialectConfig } from 'kysely';

// A plain BEGIN starts a read transaction that upgrades to a write on its first write. When
// another process has committed in between, SQLite refuses the upgrade at once with
// SQLITE_BUSY_SNAPSHOT, without waiting for busy_timeout. BEGIN IMMEDIATE takes the write lock
// up front, so concurrent writers from several processes queue instead of failing.
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/** SQLite dialect whose transactions begin with BEGIN IMMEDIATE. */
export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}
