import type { components, operations } from '../generated/openapi.js';
import { PagedList, type Page } from '../paginate.js';
import type { Transport } from '../transport.js';
import type { WriteOptions } from './master-data.js';

type Schemas = components['schemas'];
type JobFilters = NonNullable<operations['listImportJobs']['parameters']['query']>;

/**
 * Import jobs: a client reads a file, sends its rows in numbered batches and finishes the job.
 * Each batch commits atomically and a batch sent again returns its first result, so a client
 * that stopped anywhere resumes by sending the batches the job has not committed.
 *
 * ```ts
 * const job = await boh.imports.create({ resource: 'store', file_name: 'stores.csv' });
 * const result = await boh.imports.submitBatch(job.id, { sequence: 1, rows: [{ line: 2, fields: { code: '0001', name: '静安寺店' } }] });
 * await boh.imports.finish(job.id, { status: 'completed' });
 * ```
 */
export class ImportsResource {
  readonly #transport: Transport;

  constructor(transport: Transport) {
    this.#transport = transport;
  }

  /** Start a job for one file and resource. */
  async create(input: Schemas['ImportJobCreate'], options: WriteOptions = {}): Promise<Schemas['ImportJob']> {
    return (await this.#transport.request<Schemas['ImportJob']>('POST', '/imports', { ...options, body: input })).body;
  }

  /** List jobs, newest first; await for one page or iterate for all. */
  list(filters?: JobFilters): PagedList<Schemas['ImportJob']> {
    return new PagedList(async (cursor) => {
      const query = { ...(filters as Record<string, string | number | undefined>), ...(cursor ? { cursor } : {}) };
      return (await this.#transport.request<Page<Schemas['ImportJob']>>('GET', '/imports', { query })).body;
    }, this.#transport.options.language);
  }

  async get(id: string, options: { signal?: AbortSignal } = {}): Promise<Schemas['ImportJob']> {
    return (await this.#transport.request<Schemas['ImportJob']>('GET', this.#job(id), options)).body;
  }

  /**
   * Send one batch. Retried on network errors and 5xx like any idempotent request: the job
   * commits each sequence once and answers a repeat with the stored result (`replayed`).
   */
  async submitBatch(id: string, batch: Schemas['ImportBatchSubmit'], options: { signal?: AbortSignal } = {}): Promise<Schemas['ImportBatchResult']> {
    const request = { body: batch, idempotencyKey: false as const, retrySafe: true, signal: options.signal };
    return (await this.#transport.request<Schemas['ImportBatchResult']>('POST', `${this.#job(id)}/batches`, request)).body;
  }

  /** Close the job as completed or stopped. */
  async finish(id: string, body: Schemas['ImportJobFinish'], options: WriteOptions = {}): Promise<Schemas['ImportJob']> {
    return (await this.#transport.request<Schemas['ImportJob']>('POST', `${this.#job(id)}/finish`, { ...options, body })).body;
  }

  /** The committed batches, in sequence order. */
  batches(id: string): PagedList<Schemas['ImportBatch']> {
    return new PagedList(async (cursor) => {
      const query = { limit: 500, ...(cursor ? { cursor } : {}) };
      return (await this.#transport.request<Page<Schemas['ImportBatch']>>('GET', `${this.#job(id)}/batches`, { query })).body;
    }, this.#transport.options.language);
  }

  /** Every reason of every rejected row, in file order. */
  rejections(id: string): PagedList<Schemas['ImportRejection']> {
    return new PagedList(async (cursor) => {
      const query = { limit: 500, ...(cursor ? { cursor } : {}) };
      return (await this.#transport.request<Page<Schemas['ImportRejection']>>('GET', `${this.#job(id)}/rejections`, { query })).body;
    }, this.#transport.options.language);
  }

  #job(id: string): string {
    return `/imports/${encodeURIComponent(id)}`;
  }
}
