import type { components, operations } from '../generated/openapi.js';
import { PagedList, type Page } from '../paginate.js';
import type { Transport } from '../transport.js';
import type { WriteOptions } from './master-data.js';

type Schemas = components['schemas'];
type StatementFilters = NonNullable<operations['listStatements']['parameters']['query']>;

/** A parsed statement as `load` takes it: the metadata and every line. */
export interface StatementUpload {
  statement: Schemas['StatementCreate'];
  /**
   * Every line, in file order: an array, or an iterable that builds each line when it is read,
   * so that a large statement is not held a second time in its API form. Read once per load.
   */
  lines: Iterable<Schemas['StatementLineInput']>;
}

export interface LoadOptions {
  /** Lines per request, 1 to 5000; 5000 by default. */
  batchSize?: number;
  onBatch?: (progress: { done: number; total: number }) => void;
  signal?: AbortSignal;
}

/** The largest batch of lines the API takes in one request. */
export const MAX_STATEMENT_BATCH = 5000;

/**
 * Statements (对账单): store a parsed payment-channel or bank statement for reconciliation. A
 * file stored before, by hash or by its lines' fingerprints, is refused with a
 * BohConflictError whose code is `statement_duplicate` and whose params name the earlier one.
 *
 * ```ts
 * const statement = await boh.statements.load({ statement: meta, lines });
 * ```
 */
export class StatementsResource {
  readonly #transport: Transport;

  constructor(transport: Transport) {
    this.#transport = transport;
  }

  async create(input: Schemas['StatementCreate'], options: WriteOptions = {}): Promise<Schemas['Statement']> {
    return (await this.#transport.request<Schemas['Statement']>('POST', '/statements', { ...options, body: input })).body;
  }

  /** Send one batch of lines; sending the same batch again replaces it, so retries are safe. */
  async addLines(id: string, lines: readonly Schemas['StatementLineInput'][], options: { signal?: AbortSignal } = {}): Promise<Schemas['StatementLinesResult']> {
    const request = { body: { lines: [...lines] }, idempotencyKey: false as const, retrySafe: true, signal: options.signal };
    return (await this.#transport.request<Schemas['StatementLinesResult']>('POST', `${this.#path(id)}/lines`, request)).body;
  }

  async finish(id: string, options: WriteOptions = {}): Promise<Schemas['Statement']> {
    return (await this.#transport.request<Schemas['Statement']>('POST', `${this.#path(id)}/finish`, { ...options, body: {} })).body;
  }

  /** List statements, newest first; await for one page or iterate for all. */
  list(filters?: StatementFilters): PagedList<Schemas['Statement']> {
    return new PagedList(async (cursor) => {
      const query = { ...(filters as Record<string, string | number | undefined>), ...(cursor ? { cursor } : {}) };
      return (await this.#transport.request<Page<Schemas['Statement']>>('GET', '/statements', { query })).body;
    }, this.#transport.options.language);
  }

  /**
   * Create, send every line in batches, and finish: the whole statement in one call. The
   * progress `total` is the statement's `line_count`. The next batch is gathered while the
   * server stores the one before (one request in flight at a time, in line order), so building
   * lines from a lazy `lines` iterable overlaps the server's work.
   */
  async load(upload: StatementUpload, options: LoadOptions = {}): Promise<Schemas['Statement']> {
    const size = Math.min(Math.max(1, options.batchSize ?? MAX_STATEMENT_BATCH), MAX_STATEMENT_BATCH);
    const total = upload.statement.line_count;
    const statement = await this.create(upload.statement, { signal: options.signal });
    let done = 0;
    let inFlight: Promise<void> | undefined;
    const send = async (lines: Schemas['StatementLineInput'][]) => {
      await inFlight;
      inFlight = this.addLines(statement.id, lines, { signal: options.signal }).then(() => {
        done += lines.length;
        options.onBatch?.({ done, total });
      });
      // A failure is raised by the next `await inFlight`, so it is marked as handled until then.
      inFlight.catch(() => undefined);
    };

    let batch: Schemas['StatementLineInput'][] = [];
    for (const line of upload.lines) {
      batch.push(line);
      if (batch.length === size) {
        await send(batch);
        batch = [];
      }
    }
    if (batch.length > 0) await send(batch);
    await inFlight;
    return this.finish(statement.id, { signal: options.signal });
  }

  #path(id: string): string {
    return `/statements/${encodeURIComponent(id)}`;
  }
}
