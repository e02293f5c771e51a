import type { components, operations } from '../generated/openapi.js';
import { PagedList, type Page } from '../paginate.js';
import type { Transport } from '../transport.js';
import type { UpdateOptions, WriteOptions } from './master-data.js';

type S = components['schemas'];
type Query<K extends keyof operations> = NonNullable<operations[K]['parameters']['query']>;

function ifMatch(version: number | string | undefined): string | undefined {
  if (version === undefined) return undefined;
  const text = String(version);
  return text.startsWith('"') || text.startsWith('W/') ? text : `"${text}"`;
}

/** Repair tickets (报修工单): create, list, read, assign, record steps, parts, labour and photos. */
export class TicketsResource {
  readonly #t: Transport;

  constructor(transport: Transport) {
    this.#t = transport;
  }

  #path(code: string, rest = ''): string {
    return `/tickets/${encodeURIComponent(code)}${rest}`;
  }

  /** List tickets, newest first; iterate with `for await` to walk every page. */
  list(filters: Query<'listTickets'> = {}): PagedList<S['Ticket']> {
    return new PagedList(async (cursor) => {
      const query = { ...filters, ...(cursor ? { cursor } : {}) };
      return (await this.#t.request<Page<S['Ticket']>>('GET', '/tickets', { query })).body;
    }, this.#t.options.language);
  }

  /** One ticket with its timeline and clocks; `at` evaluates the clocks at another instant. */
  async get(code: string, options: { at?: string } = {}): Promise<S['TicketDetail']> {
    return (await this.#t.request<S['TicketDetail']>('GET', this.#path(code), { query: { at: options.at } })).body;
  }

  async create(input: S['TicketCreate'], options: WriteOptions = {}): Promise<S['TicketDetail']> {
    return (await this.#t.request<S['TicketDetail']>('POST', '/tickets', { ...options, body: input })).body;
  }

  async update(code: string, changes: S['TicketUpdate'], options: UpdateOptions = {}): Promise<S['TicketDetail']> {
    return (await this.#t.request<S['TicketDetail']>('PATCH', this.#path(code), { body: changes, signal: options.signal, headers: { 'if-match': ifMatch(options.ifVersion) } })).body;
  }

  /** Assign a technician, or `{ auto: true }` for the best-ranked one. */
  async assign(code: string, input: S['TicketAssign'], options: WriteOptions = {}): Promise<S['TicketDetail']> {
    return (await this.#t.request<S['TicketDetail']>('POST', this.#path(code, '/assign'), { ...options, body: input })).body;
  }

  /** Record a step: accepted, travelling, on_site, waiting_parts, resolved, verified, closed… */
  async transition(code: string, input: S['TicketTransition'], options: WriteOptions = {}): Promise<S['TicketDetail']> {
    return (await this.#t.request<S['TicketDetail']>('POST', this.#path(code, '/transitions'), { ...options, body: input })).body;
  }

  async clocks(code: string, options: { at?: string } = {}): Promise<S['TicketClocks']> {
    return (await this.#t.request<S['TicketClocks']>('GET', this.#path(code, '/sla'), { query: { at: options.at } })).body;
  }

  /** Technicians ranked for the ticket, best first, with the reason of each score. */
  async candidates(code: string, options: { limit?: number } = {}): Promise<S['DispatchRanking']> {
    return (await this.#t.request<S['DispatchRanking']>('GET', this.#path(code, '/candidates'), { query: { limit: options.limit } })).body;
  }

  async addPart(code: string, input: S['TicketPartCreate'], options: WriteOptions = {}): Promise<S['TicketPart']> {
    return (await this.#t.request<S['TicketPart']>('POST', this.#path(code, '/parts'), { ...options, body: input })).body;
  }

  async addLabour(code: string, input: S['TicketLabourCreate'], options: WriteOptions = {}): Promise<S['TicketLabour']> {
    return (await this.#t.request<S['TicketLabour']>('POST', this.#path(code, '/labour'), { ...options, body: input })).body;
  }

  /** Attach a photo (JPEG, PNG or WebP, at most 8 MiB). */
  async addPhoto(code: string, filename: string, bytes: Uint8Array, options: WriteOptions = {}): Promise<S['TicketAttachment']> {
    const body = { filename, content_base64: Buffer.from(bytes).toString('base64') };
    return (await this.#t.request<S['TicketAttachment']>('POST', this.#path(code, '/attachments'), { ...options, body })).body;
  }

  /** A read-only progress link for the store; the token is in the answer only. */
  async createProgressLink(code: string, input: S['ProgressLinkCreate'] = {}, options: WriteOptions = {}): Promise<S['ProgressLink']> {
    return (await this.#t.request<S['ProgressLink']>('POST', this.#path(code, '/progress-links'), { ...options, body: input })).body;
  }

  async revokeProgressLink(code: string, id: string, options: WriteOptions = {}): Promise<S['ProgressLink']> {
    return (await this.#t.request<S['ProgressLink']>('POST', this.#path(code, `/progress-links/${encodeURIComponent(id)}/revoke`), options)).body;
  }

  /** Apply bulk changes in one transaction; `dry_run` checks without writing. */
  async batch(input: S['TicketBatch'], options: WriteOptions = {}): Promise<S['TicketBatchResult']> {
    return (await this.#t.request<S['TicketBatchResult']>('POST', '/tickets/batch', { ...options, body: input })).body;
  }
}

/** Technicians, dispatch planning and settings. */
export class DispatchResource {
  readonly #t: Transport;

  constructor(transport: Transport) {
    this.#t = transport;
  }

  technicians(): PagedList<S['Technician']> {
    return new PagedList(async (cursor) => (await this.#t.request<Page<S['Technician']>>('GET', '/technicians', { query: { cursor } })).body, this.#t.options.language);
  }

  async technician(code: string): Promise<S['Technician']> {
    return (await this.#t.request<S['Technician']>('GET', `/technicians/${encodeURIComponent(code)}`)).body;
  }

  async updateTechnician(code: string, changes: S['TechnicianUpdate'], options: UpdateOptions = {}): Promise<S['Technician']> {
    return (await this.#t.request<S['Technician']>('PATCH', `/technicians/${encodeURIComponent(code)}`, { body: changes, headers: { 'if-match': ifMatch(options.ifVersion) } })).body;
  }

  async reportLocation(code: string, input: S['TechnicianLocation'], options: WriteOptions = {}): Promise<S['Technician']> {
    return (await this.#t.request<S['Technician']>('POST', `/technicians/${encodeURIComponent(code)}/location`, { ...options, body: input })).body;
  }

  /** A balanced plan for the open unassigned tickets; nothing is assigned. */
  async plan(input: S['DispatchPlanRequest'] = {}, options: WriteOptions = {}): Promise<S['DispatchPlan']> {
    return (await this.#t.request<S['DispatchPlan']>('POST', '/dispatch/plan', { ...options, body: input })).body;
  }

  async apply(input: S['DispatchApply'], options: WriteOptions = {}): Promise<S['DispatchApplied']> {
    return (await this.#t.request<S['DispatchApplied']>('POST', '/dispatch/apply', { ...options, body: input })).body;
  }

  async importTravelTimes(input: S['TravelTimeImport']): Promise<S['TravelTimeImported']> {
    return (await this.#t.request<S['TravelTimeImported']>('PUT', '/dispatch/travel-times', { body: input })).body;
  }

  async settings(): Promise<S['DispatchSettings']> {
    return (await this.#t.request<S['DispatchSettings']>('GET', '/dispatch/settings')).body;
  }

  async putSettings(settings: S['DispatchSettings'], options: UpdateOptions = {}): Promise<S['DispatchSettings']> {
    return (await this.#t.request<S['DispatchSettings']>('PUT', '/dispatch/settings', { body: settings, headers: { 'if-match': ifMatch(options.ifVersion) } })).body;
  }
}

/** SLA policy and calendars, signals, maintenance plans, events and maintenance analytics. */
export class MaintenanceResource {
  readonly #t: Transport;

  constructor(transport: Transport) {
    this.#t = transport;
  }

  async slaPolicy(): Promise<S['SlaPolicy']> {
    return (await this.#t.request<S['SlaPolicy']>('GET', '/sla-policy')).body;
  }

  async putSlaPolicy(policy: S['SlaPolicy'], options: UpdateOptions = {}): Promise<S['SlaPolicy']> {
    return (await this.#t.request<S['SlaPolicy']>('PUT', '/sla-policy', { body: policy, headers: { 'if-match': ifMatch(options.ifVersion) } })).body;
  }

  async businessCalendar(storeCode: string): Promise<S['BusinessCalendar']> {
    return (await this.#t.request<S['BusinessCalendar']>('GET', `/stores/${encodeURIComponent(storeCode)}/business-calendar`)).body;
  }

  async putBusinessCalendar(storeCode: string, input: S['BusinessCalendarInput'], options: UpdateOptions = {}): Promise<S['BusinessCalendar']> {
    return (await this.#t.request<S['BusinessCalendar']>('PUT', `/stores/${encodeURIComponent(storeCode)}/business-calendar`, { body: input, headers: { 'if-match': ifMatch(options.ifVersion) } })).body;
  }

  async recordSignal(assetCode: string, signal: S['AssetSignal'], options: WriteOptions = {}): Promise<S['SignalOutcome']> {
    return (await this.#t.request<S['SignalOutcome']>('POST', `/assets/${encodeURIComponent(assetCode)}/signals`, { ...options, body: signal })).body;
  }

  async putSignalRules(rules: S['SignalRules'], options: UpdateOptions = {}): Promise<S['SignalRules']> {
    return (await this.#t.request<S['SignalRules']>('PUT', '/signal-rules', { body: rules, headers: { 'if-match': ifMatch(options.ifVersion) } })).body;
  }

  async runScheduler(options: WriteOptions = {}): Promise<S['SlaRun']> {
    return (await this.#t.request<S['SlaRun']>('POST', '/sla/run', options)).body;
  }

  /** Domain events after `cursor`, in commit order. */
  async events(query: Query<'listEvents'> = {}): Promise<S['OutboxEventPage']> {
    return (await this.#t.request<S['OutboxEventPage']>('GET', '/events', { query })).body;
  }

  async analytics(query: Query<'getTicketAnalytics'> = {}): Promise<S['TicketAnalytics']> {
    return (await this.#t.request<S['TicketAnalytics']>('GET', '/ticket-analytics/summary', { query })).body;
  }

  async repeatFailures(query: Query<'listRepeatFailures'> = {}): Promise<S['RepeatFailures']> {
    return (await this.#t.request<S['RepeatFailures']>('GET', '/ticket-analytics/repeat-failures', { query })).body;
  }

  async reliability(): Promise<S['ModelReliabilityList']> {
    return (await this.#t.request<S['ModelReliabilityList']>('GET', '/ticket-analytics/mtbf')).body;
  }

  async downtime(query: Query<'getDowntimeCost'> = {}): Promise<S['DowntimeCost']> {
    return (await this.#t.request<S['DowntimeCost']>('GET', '/ticket-analytics/downtime', { query })).body;
  }
}
