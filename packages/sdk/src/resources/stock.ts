import type { components, operations } from '../generated/openapi.js';
import { PagedList, type Page } from '../paginate.js';
import type { Transport } from '../transport.js';
import type { UpdateOptions, WriteOptions } from './master-data.js';

type Schemas = components['schemas'];
type Query<K extends keyof operations> = NonNullable<operations[K]['parameters']['query']>;

/** Stock counts (盘点): draft sheets, counted quantities, posting the adjustments. */
export class StockCountsResource {
  readonly #transport: Transport;

  constructor(transport: Transport) {
    this.#transport = transport;
  }

  list(filters: Query<'listStockCounts'> = {}): PagedList<Schemas['StockCountPage']['data'][number]> {
    return new PagedList(async (cursor) => {
      const query = { ...filters, ...(cursor ? { cursor } : {}) };
      return (await this.#transport.request<Schemas['StockCountPage']>('GET', '/stock/counts', { query })).body;
    }, this.#transport.options.language);
  }

  /** Start a count sheet; without `item_codes` it lists every item the store has stock of. */
  async create(input: Schemas['StockCountCreate'], options: WriteOptions = {}): Promise<Schemas['StockCount']> {
    return (await this.#transport.request<Schemas['StockCount']>('POST', '/stock/counts', { ...options, body: input })).body;
  }

  async get(id: number, options: { signal?: AbortSignal } = {}): Promise<Schemas['StockCount']> {
    return (await this.#transport.request<Schemas['StockCount']>('GET', `/stock/counts/${id}`, options)).body;
  }

  /** Enter counted quantities (merged into the sheet) or change its options. */
  async update(id: number, changes: Schemas['StockCountUpdate'], options: UpdateOptions = {}): Promise<Schemas['StockCount']> {
    const headers = { 'if-match': ifMatch(options.ifVersion) };
    return (await this.#transport.request<Schemas['StockCount']>('PATCH', `/stock/counts/${id}`, { body: changes, signal: options.signal, headers })).body;
  }

  /** Post the adjustments of a draft count. */
  async post(id: number, options: UpdateOptions = {}): Promise<Schemas['StockCount']> {
    const headers = { 'if-match': ifMatch(options.ifVersion) };
    return (await this.#transport.request<Schemas['StockCount']>('POST', `/stock/counts/${id}/post`, { ...options, headers })).body;
  }

  async cancel(id: number, options: UpdateOptions = {}): Promise<Schemas['StockCount']> {
    const headers = { 'if-match': ifMatch(options.ifVersion) };
    return (await this.#transport.request<Schemas['StockCount']>('POST', `/stock/counts/${id}/cancel`, { ...options, headers })).body;
  }
}

/** Stock on hand at moving-average cost, movements, stock documents, counts and the stock policy. */
export class StockResource {
  readonly #transport: Transport;
  readonly counts: StockCountsResource;

  constructor(transport: Transport) {
    this.#transport = transport;
    this.counts = new StockCountsResource(transport);
  }

  /** Balances by store and item. */
  balances(filters: Query<'listStockBalances'> = {}): PagedList<Schemas['StockBalance']> {
    return new PagedList(async (cursor) => {
      const query = { ...filters, ...(cursor ? { cursor } : {}) };
      return (await this.#transport.request<Page<Schemas['StockBalance']>>('GET', '/stock/balances', { query })).body;
    }, this.#transport.options.language);
  }

  /** Movements, oldest first. */
  movements(filters: Query<'listStockMovements'> = {}): PagedList<Schemas['StockMovement']> {
    return new PagedList(async (cursor) => {
      const query = { ...filters, ...(cursor ? { cursor } : {}) };
      return (await this.#transport.request<Page<Schemas['StockMovement']>>('GET', '/stock/movements', { query })).body;
    }, this.#transport.options.language);
  }

  /** Post a receipt, opening balance, waste write-off or transfer with its journal entry. */
  async postDocument(document: Schemas['StockDocumentInput'], options: WriteOptions = {}): Promise<Schemas['StockDocumentResult']> {
    return (await this.#transport.request<Schemas['StockDocumentResult']>('POST', '/stock/movements', { ...options, body: document })).body;
  }

  async settings(): Promise<Schemas['StockSettings']> {
    return (await this.#transport.request<Schemas['StockSettings']>('GET', '/stock/settings')).body;
  }

  /** Allow (and flag) or reject negative stock, chain-wide. */
  async updateSettings(changes: Schemas['StockSettingsUpdate'], options: UpdateOptions = {}): Promise<Schemas['StockSettings']> {
    const headers = { 'if-match': ifMatch(options.ifVersion) };
    return (await this.#transport.request<Schemas['StockSettings']>('PATCH', '/stock/settings', { body: changes, signal: options.signal, headers })).body;
  }
}

/** An If-Match value from a version number or an ETag. */
export function ifMatch(version: number | string | undefined): string | undefined {
  if (version === undefined) return undefined;
  const text = String(version);
  return text.startsWith('"') || text.startsWith('W/') ? text : `"${text}"`;
}
