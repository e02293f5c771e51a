import type { components } from '../generated/openapi.js';
import { PagedList, type Page } from '../paginate.js';
import type { RequestOptions, Transport } from '../transport.js';

type AuditEvent = components['schemas']['AuditEvent'];
type Query = Record<string, string | number | boolean | undefined | null>;

export interface WriteOptions {
  /** For creates: a key that makes a retry safe; generated when absent. */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

export interface UpdateOptions extends WriteOptions {
  /**
   * The `version` the change is based on (the record's `version` field or its ETag). When the
   * record has changed since, the API rejects the update with BohPreconditionFailedError.
   */
  ifVersion?: number | string;
}

/**
 * The operations every master-data resource has: list, get, create, update, deactivate and the
 * change history. `Rec`, `Create`, `Update` and `Filters` are the contract's types.
 */
export class MasterDataResource<Rec, Create, Update, Filters extends object> {
  readonly #transport: Transport;
  readonly #path: string;
  readonly #historyName: string;

  constructor(transport: Transport, path: string, historyName: string) {
    this.#transport = transport;
    this.#path = path;
    this.#historyName = historyName;
  }

  /**
   * List records. Await the result for one page, or iterate it to walk them all:
   *
   * ```ts
   * for await (const store of boh.stores.list({ city: '上海' })) console.log(store.code);
   * ```
   */
  list(filters?: Filters): PagedList<Rec> {
    return new PagedList(async (cursor) => {
      const query = { ...(filters as Query), ...(cursor ? { cursor } : {}) };
      const response = await this.#transport.request<Page<Rec>>('GET', this.#path, { query });
      return response.body;
    }, this.#transport.options.language);
  }

  /** Fetch one record by its code. */
  async get(code: string, options: { signal?: AbortSignal } = {}): Promise<Rec> {
    return (await this.#transport.request<Rec>('GET', this.#item(code), options)).body;
  }

  /** Create a record. Safe to retry: the SDK sends an idempotency key. */
  async create(input: Create, options: WriteOptions = {}): Promise<Rec> {
    return (await this.#transport.request<Rec>('POST', this.#path, { ...options, body: input })).body;
  }

  /** Change some fields; `null` clears an optional field. */
  async update(code: string, changes: Update, options: UpdateOptions = {}): Promise<Rec> {
    const request: RequestOptions = { body: changes, signal: options.signal, headers: { 'if-match': ifMatch(options.ifVersion) } };
    return (await this.#transport.request<Rec>('PATCH', this.#item(code), request)).body;
  }

  /** Mark a record inactive; nothing is deleted. */
  async deactivate(code: string, options: UpdateOptions = {}): Promise<Rec> {
    const request: RequestOptions = { ...options, headers: { 'if-match': ifMatch(options.ifVersion) } };
    return (await this.#transport.request<Rec>('POST', `${this.#item(code)}/deactivate`, request)).body;
  }

  /** The record's change history, newest first. */
  history(code: string): PagedList<AuditEvent> {
    return new PagedList(async (cursor) => {
      const path = `/history/${this.#historyName}/${pathSegment(code)}`;
      return (await this.#transport.request<Page<AuditEvent>>('GET', path, { query: { cursor } })).body;
    }, this.#transport.options.language);
  }

  #item(code: string): string {
    return `${this.#path}/${pathSegment(code)}`;
  }
}

function ifMatch(version: number | string | undefined): string | undefined {
  if (version === undefined) return undefined;
  const text = String(version);
  return text.startsWith('"') || text.startsWith('W/') ? text : `"${text}"`;
}

/**
 * Encode one path segment. encodeURIComponent leaves `.` alone, and a URL parser resolves a
 * segment of `.` or `..` as a directory step, so those are encoded by hand.
 */
export function pathSegment(value: string): string {
  return value === '.' || value === '..' ? value.replace(/\./g, '%2E') : encodeURIComponent(value);
}
