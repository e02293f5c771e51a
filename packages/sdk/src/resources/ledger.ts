import type { components, operations } from '../generated/openapi.js';
import { PagedList, type Page } from '../paginate.js';
import type { Language, Transport } from '../transport.js';
import type { UpdateOptions, WriteOptions } from './master-data.js';
import { ifMatch } from './stock.js';

type Schemas = components['schemas'];
type Query<K extends keyof operations> = NonNullable<operations[K]['parameters']['query']>;

/** The chart of accounts (会计科目). */
export class AccountsResource {
  readonly #transport: Transport;

  constructor(transport: Transport) {
    this.#transport = transport;
  }

  list(filters: Query<'listAccounts'> = {}): PagedList<Schemas['Account']> {
    return new PagedList(async (cursor) => {
      const query = { ...filters, ...(cursor ? { cursor } : {}) };
      return (await this.#transport.request<Page<Schemas['Account']>>('GET', '/ledger/accounts', { query })).body;
    }, this.#transport.options.language);
  }

  async get(code: string): Promise<Schemas['Account']> {
    return (await this.#transport.request<Schemas['Account']>('GET', `/ledger/accounts/${encodeURIComponent(code)}`)).body;
  }

  /** Create a sub-account under an existing account, such as 1122.03. */
  async create(input: Schemas['AccountCreate'], options: WriteOptions = {}): Promise<Schemas['Account']> {
    return (await this.#transport.request<Schemas['Account']>('POST', '/ledger/accounts', { ...options, body: input })).body;
  }

  /** Rename or (de)activate an account. */
  async update(code: string, changes: Schemas['AccountUpdate'], options: UpdateOptions = {}): Promise<Schemas['Account']> {
    const headers = { 'if-match': ifMatch(options.ifVersion) };
    return (await this.#transport.request<Schemas['Account']>('PATCH', `/ledger/accounts/${encodeURIComponent(code)}`, { body: changes, signal: options.signal, headers })).body;
  }
}

/** Accounting periods: close (月结), lock, and reopen (admins). */
export class PeriodsResource {
  readonly #transport: Transport;

  constructor(transport: Transport) {
    this.#transport = transport;
  }

  list(filters: Query<'listPeriods'> = {}): PagedList<Schemas['Period']> {
    return new PagedList(async (cursor) => {
      const query = { ...filters, ...(cursor ? { cursor } : {}) };
      return (await this.#transport.request<Page<Schemas['Period']>>('GET', '/ledger/periods', { query })).body;
    }, this.#transport.options.language);
  }

  async get(period: string): Promise<Schemas['Period']> {
    return (await this.#transport.request<Schemas['Period']>('GET', `/ledger/periods/${period}`)).body;
  }

  async close(period: string, options: WriteOptions = {}): Promise<Schemas['Period']> {
    return (await this.#transport.request<Schemas['Period']>('POST', `/ledger/periods/${period}/close`, options)).body;
  }

  async lock(period: string, options: WriteOptions = {}): Promise<Schemas['Period']> {
    return (await this.#transport.request<Schemas['Period']>('POST', `/ledger/periods/${period}/lock`, options)).body;
  }

  async reopen(period: string, reason: string, options: WriteOptions = {}): Promise<Schemas['Period']> {
    return (await this.#transport.request<Schemas['Period']>('POST', `/ledger/periods/${period}/reopen`, { ...options, body: { reason } })).body;
  }
}

/** Journal entries (记账凭证): list, read, post manual ones, reverse. */
export class JournalResource {
  readonly #transport: Transport;

  constructor(transport: Transport) {
    this.#transport = transport;
  }

  list(filters: Query<'listJournalEntries'> = {}): PagedList<Schemas['JournalEntry']> {
    return new PagedList(async (cursor) => {
      const query = { ...filters, ...(cursor ? { cursor } : {}) };
      return (await this.#transport.request<Page<Schemas['JournalEntry']>>('GET', '/ledger/journal-entries', { query })).body;
    }, this.#transport.options.language);
  }

  async get(id: number): Promise<Schemas['JournalEntry']> {
    return (await this.#transport.request<Schemas['JournalEntry']>('GET', `/ledger/journal-entries/${id}`)).body;
  }

  /** Post a manual entry; it must balance and fall into an open period. */
  async create(input: Schemas['JournalEntryInput'], options: WriteOptions = {}): Promise<Schemas['JournalEntry']> {
    return (await this.#transport.request<Schemas['JournalEntry']>('POST', '/ledger/journal-entries', { ...options, body: input })).body;
  }

  /** Post the reversal of an entry (红字冲销). */
  async reverse(id: number, input: Schemas['JournalReversal'], options: WriteOptions = {}): Promise<Schemas['JournalEntry']> {
    return (await this.#transport.request<Schemas['JournalEntry']>('POST', `/ledger/journal-entries/${id}/reverse`, { ...options, body: input })).body;
  }
}

/** The double-entry ledger: accounts, posting rules, tax rates, periods, entries and reports. */
export class LedgerResource {
  readonly #transport: Transport;
  readonly accounts: AccountsResource;
  readonly periods: PeriodsResource;
  readonly entries: JournalResource;

  constructor(transport: Transport) {
    this.#transport = transport;
    this.accounts = new AccountsResource(transport);
    this.periods = new PeriodsResource(transport);
    this.entries = new JournalResource(transport);
  }

  /** List every posting rule. */
  async postingRules(): Promise<Schemas['PostingRule'][]> {
    return (await this.#transport.request<Schemas['PostingRuleList']>('GET', '/ledger/posting-rules')).body.data;
  }

  /** Point a posting rule at an account, creating the rule when it is new. */
  async setPostingRule(rule: Schemas['PostingRuleName'], qualifier: string, accountCode: string, options: UpdateOptions = {}): Promise<Schemas['PostingRule']> {
    const path = `/ledger/posting-rules/${rule}/${encodeURIComponent(qualifier)}`;
    return (await this.#transport.request<Schemas['PostingRule']>('PUT', path, { body: { account_code: accountCode }, headers: { 'if-match': ifMatch(options.ifVersion) } })).body;
  }

  /** Delete a specific posting rule, so the more general one applies. */
  async deletePostingRule(rule: Schemas['PostingRuleName'], qualifier: string, options: UpdateOptions = {}): Promise<void> {
    const path = `/ledger/posting-rules/${rule}/${encodeURIComponent(qualifier)}`;
    await this.#transport.request('DELETE', path, { headers: { 'if-match': ifMatch(options.ifVersion) } });
  }

  async taxRates(): Promise<Schemas['TaxRate'][]> {
    return (await this.#transport.request<Schemas['TaxRateList']>('GET', '/ledger/tax-rates')).body.data;
  }

  /** Set the VAT rate of a category from a date on, as a fraction (0.06 for 6 %). */
  async setTaxRate(category: Schemas['TaxCategory'], effectiveFrom: string, rate: number, options: UpdateOptions = {}): Promise<Schemas['TaxRate']> {
    const path = `/ledger/tax-rates/${category}/${effectiveFrom}`;
    return (await this.#transport.request<Schemas['TaxRate']>('PUT', path, { body: { rate }, headers: { 'if-match': ifMatch(options.ifVersion) } })).body;
  }

  async deleteTaxRate(category: Schemas['TaxCategory'], effectiveFrom: string, options: UpdateOptions = {}): Promise<void> {
    await this.#transport.request('DELETE', `/ledger/tax-rates/${category}/${effectiveFrom}`, { headers: { 'if-match': ifMatch(options.ifVersion) } });
  }

  /** Read the trial balance (科目余额表) of a range of periods, chain-wide or for one store. */
  async trialBalance(query: Query<'getTrialBalance'>): Promise<Schemas['TrialBalance']> {
    return (await this.#transport.request<Schemas['TrialBalance']>('GET', '/ledger/trial-balance', { query })).body;
  }

  /** Run the month-end checklist (月结检查) of a period now, without changing anything. */
  async periodChecklist(period: string): Promise<Schemas['CloseChecklist']> {
    return (await this.#transport.request<Schemas['CloseChecklist']>('GET', `/ledger/periods/${period}/checklist`)).body;
  }

  /**
   * Close a period: the server runs the checklist and refuses with a conflict
   * (`close_checklist_failed`) unless every blocking check passes or is named in `accept`.
   */
  async closePeriod(period: string, input: Schemas['PeriodClose'] = {}, options: WriteOptions = {}): Promise<Schemas['Period']> {
    return (await this.#transport.request<Schemas['Period']>('POST', `/ledger/periods/${period}/close`, { ...options, body: input })).body;
  }

  /** Read the latest close snapshot of a period, with `verified` computed now. */
  async periodSnapshot(period: string): Promise<Schemas['PeriodSnapshot']> {
    return (await this.#transport.request<Schemas['PeriodSnapshot']>('GET', `/ledger/periods/${period}/snapshot`)).body;
  }

  /**
   * List the voucher lines (凭证分录) of a period. Iterate with `for await` for every line. `language`
   * overrides the client's for the summaries and account names, such as zh-CN for a Chinese
   * general ledger.
   */
  vouchers(period: string, options: { limit?: number; language?: Language } = {}): PagedList<Schemas['VoucherLine']> {
    const headers = options.language ? { 'accept-language': options.language } : undefined;
    return new PagedList(async (cursor) => {
      const query = { period, ...(options.limit ? { limit: options.limit } : {}), ...(cursor ? { cursor } : {}) };
      return (await this.#transport.request<Page<Schemas['VoucherLine']>>('GET', '/ledger/vouchers', { query, headers })).body;
    }, this.#transport.options.language);
  }

  /** Read one page of an account's ledger detail (明细账), with opening and closing balances. */
  async detail(query: Query<'getLedgerDetail'>): Promise<Schemas['LedgerDetail']> {
    return (await this.#transport.request<Schemas['LedgerDetail']>('GET', '/ledger/detail', { query })).body;
  }

  /** Walk every page of an account's ledger detail, in date order. */
  async *detailPages(query: Omit<Query<'getLedgerDetail'>, 'cursor'>): AsyncGenerator<Schemas['LedgerDetail']> {
    let cursor: string | undefined;
    do {
      const page = await this.detail({ ...query, ...(cursor ? { cursor } : {}) });
      yield page;
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
  }
}
