import type { components, operations } from '../generated/openapi.js';
import { PagedList, type Page } from '../paginate.js';
import type { Transport } from '../transport.js';
import { ifMatch } from './lifecycle.js';
import type { UpdateOptions, WriteOptions } from './master-data.js';

type Schemas = components['schemas'];
type Query<K extends keyof operations> = NonNullable<operations[K]['parameters']['query']>;

/**
 * Site selection (选址): candidate sites, the site attributes of stores and candidates, and the
 * model that scores candidates against the stores' sales per m².
 *
 * ```ts
 * const report = await boh.sites.score({ radius_m: 800 });
 * for (const site of report.candidates) console.log(site.rank, site.store_code, site.predicted_monthly_sales_fen);
 * ```
 */
export class SitesResource {
  readonly #transport: Transport;

  constructor(transport: Transport) {
    this.#transport = transport;
  }

  /** Add a candidate site: a store in site_selection with its attributes. */
  async create(input: Schemas['SiteCreate'], options: WriteOptions = {}): Promise<Schemas['Site']> {
    return (await this.#transport.request<Schemas['Site']>('POST', '/sites', { ...options, body: input })).body;
  }

  /** Candidate sites (or the stores of another stage) with their attributes. */
  list(filters: Query<'listSites'> = {}): PagedList<Schemas['Site']> {
    return new PagedList(async (cursor) => {
      const query = { ...filters, ...(cursor ? { cursor } : {}) };
      return (await this.#transport.request<Page<Schemas['Site']>>('GET', '/sites', { query })).body;
    }, this.#transport.options.language);
  }

  /** Fetch a store's site attributes. Throws BohNotFoundError when none were entered. */
  async attributes(code: string): Promise<Schemas['SiteAttributes']> {
    return (await this.#transport.request<Schemas['SiteAttributes']>('GET', `/stores/${encodeURIComponent(code)}/site-attributes`)).body;
  }

  /** Replace a store's site attributes; fields left out become null. */
  async setAttributes(code: string, input: Schemas['SiteAttributesUpdate'], options: UpdateOptions = {}): Promise<Schemas['SiteAttributes']> {
    const request = { body: input, signal: options.signal, headers: { 'if-match': ifMatch(options.ifVersion) } };
    return (await this.#transport.request<Schemas['SiteAttributes']>('PUT', `/stores/${encodeURIComponent(code)}/site-attributes`, request)).body;
  }

  /** Fit the model and describe it; BohConflictError when too few stores have sales and attributes. */
  async model(query: Query<'getSiteModel'> = {}): Promise<Schemas['SiteModel']> {
    return (await this.#transport.request<Schemas['SiteModel']>('GET', '/site-selection/model', { query })).body;
  }

  /** Rank the candidate sites by predicted monthly sales. */
  async score(query: Query<'scoreSites'> = {}): Promise<Schemas['SiteScoreReport']> {
    return (await this.#transport.request<Schemas['SiteScoreReport']>('GET', '/site-selection/scores', { query })).body;
  }
}
