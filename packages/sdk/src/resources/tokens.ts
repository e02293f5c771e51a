import type { components, operations } from '../generated/openapi.js';
import { PagedList, type Page } from '../paginate.js';
import type { Transport } from '../transport.js';
import { pathSegment, type WriteOptions } from './master-data.js';

type Token = components['schemas']['Token'];

/** API tokens: list, create (the secret is returned once) and revoke. Admin only. */
export class TokensResource {
  readonly #transport: Transport;

  constructor(transport: Transport) {
    this.#transport = transport;
  }

  list(filters: NonNullable<operations['listTokens']['parameters']['query']> = {}): PagedList<Token> {
    return new PagedList(async (cursor) => {
      const query = { ...filters, ...(cursor ? { cursor } : {}) };
      return (await this.#transport.request<Page<Token>>('GET', '/tokens', { query })).body;
    }, this.#transport.options.language);
  }

  async create(input: components['schemas']['TokenCreate'], options: WriteOptions = {}): Promise<components['schemas']['TokenCreated']> {
    return (await this.#transport.request<components['schemas']['TokenCreated']>('POST', '/tokens', { ...options, body: input })).body;
  }

  async revoke(id: string, options: WriteOptions = {}): Promise<Token> {
    return (await this.#transport.request<Token>('POST', `/tokens/${pathSegment(id)}/revoke`, options)).body;
  }
}
