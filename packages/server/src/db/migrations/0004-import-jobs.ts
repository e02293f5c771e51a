import type { Kysely, Migration } from 'kysely';
import type { ColumnTypes } from '../column-types.js';

/** Import jobs, their committed batches and the reasons of rejected rows. */
export function importJobs(types: ColumnTypes): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('import_jobs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('resource', 'text', (c) => c.notNull())
        .addColumn('mode', 'text', (c) => c.notNull())
        .addColumn('match_on', types.json, (c) => c.notNull().defaultTo('[]'))
        .addColumn('dry_run', types.boolean, (c) => c.notNull())
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('file_sha256', 'text')
        .addColumn('file_size', 'bigint')
        .addColumn('source_format', 'text')
        .addColumn('batch_size', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('stop_reason', 'text')
        .addColumn('not_processed', 'integer')
        .addColumn('received', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('updated', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('unchanged', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('rejected', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('batches_committed', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_sequence', 'integer')
        .addColumn('created_by', 'text')
        .addColumn('created_by_token_id', 'text')
        .addColumn('created_at', types.instant, (c) => c.notNull())
        .addColumn('updated_at', types.instant, (c) => c.notNull())
        .addColumn('finished_at', types.instant)
        .execute();
      await db.schema.createIndex('import_jobs_created_at').on('import_jobs').columns(['created_at', 'id']).execute();
      await db.schema.createIndex('import_jobs_file').on('import_jobs').columns(['file_sha256', 'status']).execute();

      // One row per committed batch. The primary key makes a sequence commit once: a second
      // request for it waits for the first transaction and then finds its row.
      await db.schema
        .createTable('import_batches')
        .addColumn('job_id', 'text', (c) => c.notNull().references('import_jobs.id'))
        .addColumn('sequence', 'integer', (c) => c.notNull())
        .addColumn('digest', 'text', (c) => c.notNull())
        .addColumn('first_line', 'integer')
        .addColumn('last_line', 'integer')
        .addColumn('received', 'integer', (c) => c.notNull())
        .addColumn('created', 'integer', (c) => c.notNull())
        .addColumn('updated', 'integer', (c) => c.notNull())
        .addColumn('unchanged', 'integer', (c) => c.notNull())
        .addColumn('rejected', 'integer', (c) => c.notNull())
        .addColumn('results', types.json, (c) => c.notNull())
        .addColumn('committed_at', types.instant, (c) => c.notNull())
        .addPrimaryKeyConstraint('import_batches_pk', ['job_id', 'sequence'])
        .execute();

      // Reasons are kept as a code with its params, so they are shown in the reader's language;
      // reasons found by the client arrive already worded and keep its text in `message`.
      await db.schema
        .createTable('import_rejections')
        .addColumn('id', types.serial, (c) => c.primaryKey())
        .addColumn('job_id', 'text', (c) => c.notNull().references('import_jobs.id'))
        .addColumn('sequence', 'integer', (c) => c.notNull())
        .addColumn('line', 'integer', (c) => c.notNull())
        .addColumn('field', 'text')
        .addColumn('source_column', 'text')
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('params', types.json, (c) => c.notNull())
        .addColumn('message', 'text')
        .addColumn('value', types.json)
        .execute();
      await db.schema.createIndex('import_rejections_job').on('import_rejections').columns(['job_id', 'line', 'id']).execute();
    },

    async down(db: Kysely<any>) {
      for (const table of ['import_rejections', 'import_batches', 'import_jobs']) await db.schema.dropTable(table).execute();
    },
  };
}
