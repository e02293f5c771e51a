import type { components, operations } from '../generated/openapi.js';
import { PagedList, type Page } from '../paginate.js';
import type { Transport } from '../transport.js';
import type { WriteOptions } from './master-data.js';

type Schemas = components['schemas'];
type ReconciliationFilters = NonNullable<operations['listReconciliations']['parameters']['query']>;

/**
 * Reconciliations (对账): match a channel's POS payments of a period against stored statements,
 * read the items per state, resolve differences, accept, and read the bridge. Channel `bank`
 * matches bank credits against the channels' settlements. `settings` returns each channel's defaults.
 *
 * ```ts
 * const run = await boh.reconciliations.run({ channel: 'wechat', period: '2024-01', statement_ids: [statement.id] });
 * for await (const item of boh.reconciliations.items(run.id, { state: 'missing_in_pos' })) console.log(item.message);
 * ```
 */
export class ReconciliationsResource {
  readonly #transport: Transport;

  constructor(transport: Transport) {
    this.#transport = transport;
  }

  /** Run (or re-run) the reconciliation of a channel, period and store. */
  async run(input: Schemas['ReconciliationRun'], options: WriteOptions = {}): Promise<Schemas['Reconciliation']> {
    return (await this.#transport.request<Schemas['Reconciliation']>('POST', '/reconciliations', { ...options, body: input })).body;
  }

  async get(id: string, options: { signal?: AbortSignal } = {}): Promise<Schemas['Reconciliation']> {
    return (await this.#transport.request<Schemas['Reconciliation']>('GET', this.#path(id), options)).body;
  }

  list(filters?: ReconciliationFilters): PagedList<Schemas['Reconciliation']> {
    return new PagedList(async (cursor) => {
      const query = { ...(filters as Record<string, string | number | undefined>), ...(cursor ? { cursor } : {}) };
      return (await this.#transport.request<Page<Schemas['Reconciliation']>>('GET', '/reconciliations', { query })).body;
    }, this.#transport.options.language);
  }

  /** The items in id order, optionally of one state; iterate with `for await` for all pages. */
  items(id: string, filters: { state?: Schemas['ReconciliationState'] } = {}): PagedList<Schemas['ReconciliationItem']> {
    return new PagedList(async (cursor) => {
      const query = { limit: 5000, ...(filters.state ? { state: filters.state } : {}), ...(cursor ? { cursor } : {}) };
      return (await this.#transport.request<Page<Schemas['ReconciliationItem']>>('GET', `${this.#path(id)}/items`, { query })).body;
    }, this.#transport.options.language);
  }

  /**
   * List the same items as `items`, each as a list of values in the fixed order of
   * `ReconciliationItemRow` instead of an object. A row is about half the bytes of the object,
   * for reading a whole reconciliation into a spreadsheet or file. Pages hold up to 10,000 items.
   */
  itemRows(id: string, filters: { state?: Schemas['ReconciliationState'] } = {}): PagedList<Schemas['ReconciliationItemRow']> {
    return new PagedList(async (cursor) => {
      const query = { limit: 10_000, ...(filters.state ? { state: filters.state } : {}), ...(cursor ? { cursor } : {}) };
      return (await this.#transport.request<Page<Schemas['ReconciliationItemRow']>>('GET', `${this.#path(id)}/item-rows`, { query })).body;
    }, this.#transport.options.language);
  }

  /** Explain an item with a note, or post an adjusting journal entry for it. */
  async resolve(id: string, itemId: number, input: Schemas['ReconciliationResolve'], options: WriteOptions = {}): Promise<Schemas['ReconciliationItem']> {
    return (await this.#transport.request<Schemas['ReconciliationItem']>('POST', `${this.#path(id)}/items/${itemId}/resolve`, { ...options, body: input })).body;
  }

  async accept(id: string, input: Schemas['ReconciliationAccept'] = {}, options: WriteOptions = {}): Promise<Schemas['Reconciliation']> {
    return (await this.#transport.request<Schemas['Reconciliation']>('POST', `${this.#path(id)}/accept`, { ...options, body: input })).body;
  }

  async bridge(id: string, options: { signal?: AbortSignal } = {}): Promise<Schemas['ReconciliationBridge']> {
    return (await this.#transport.request<Schemas['ReconciliationBridge']>('GET', `${this.#path(id)}/bridge`, options)).body;
  }

  /** Return the reconciliation settings of every channel, defaults included. */
  async settings(options: { signal?: AbortSignal } = {}): Promise<Schemas['ReconciliationSettings'][]> {
    return (await this.#transport.request<Schemas['ReconciliationSettingsList']>('GET', '/reconciliation-settings', options)).body.data;
  }

  /** Change some of a channel's reconciliation settings; the others keep their values. */
  async updateSettings(channel: string, input: Schemas['ReconciliationSettingsUpdate'], options: WriteOptions = {}): Promise<Schemas['ReconciliationSettings']> {
    return (await this.#transport.request<Schemas['ReconciliationSettings']>('PATCH', `/reconciliation-settings/${encodeURIComponent(channel)}`, { ...options, body: input })).body;
  }

  #path(id: string): string {
    return `/reconciliations/${encodeURIComponent(id)}`;
  }
}
