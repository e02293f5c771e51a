import type { components } from '../generated/openapi.js';
import type { Transport } from '../transport.js';
import type { WriteOptions } from './master-data.js';

type Schemas = components['schemas'];

/** An output format of a report run. */
export type ReportFormat = 'xlsx' | 'csv' | 'json' | 'html';

/** Reports: the catalogue, runs (recorded server-side) and their files. */
export class ReportsResource {
  readonly #transport: Transport;

  constructor(transport: Transport) {
    this.#transport = transport;
  }

  /** The report catalogue, with texts in the client's language. */
  async list(): Promise<Schemas['ReportDefinition'][]> {
    return (await this.#transport.request<Schemas['ReportDefinitionPage']>('GET', '/reports')).body.data;
  }

  /**
   * Run a report for a month; the server records the run and returns its figures.
   *
   * @example
   * const run = await boh.reports.run({ report: 'store-performance', period: '2026-11', compare: 'previous_period' });
   */
  async run(params: Schemas['ReportRunCreate'], options: WriteOptions = {}): Promise<Schemas['ReportRun']> {
    return (await this.#transport.request<Schemas['ReportRun']>('POST', '/report-runs', { ...options, body: params })).body;
  }

  async getRun(id: string): Promise<Schemas['ReportRun']> {
    return (await this.#transport.request<Schemas['ReportRun']>('GET', `/report-runs/${encodeURIComponent(id)}`)).body;
  }

  /** The run rendered as a file; CSV holds one section (`section`, the first by default). */
  async output(id: string, format: ReportFormat, options: { section?: string; signal?: AbortSignal } = {}): Promise<Uint8Array> {
    const query = { format, ...(options.section ? { section: options.section } : {}) };
    return (await this.#transport.request<Uint8Array>('GET', `/report-runs/${encodeURIComponent(id)}/output`, { query, binary: true, retrySafe: true, signal: options.signal })).body;
  }

  /** Record footfall counts (whole-day, or hourly with `hour`); the same store, date and hour is replaced. */
  async recordFootfall(counts: Schemas['FootfallCountsInput']['counts'], options: WriteOptions = {}): Promise<Schemas['RecordedCount']> {
    return (await this.#transport.request<Schemas['RecordedCount']>('POST', '/footfall-counts', { ...options, body: { counts } })).body;
  }

  /** Record labour hours and cost per store, date and role; the same store, date and role is replaced. */
  async recordLabourHours(entries: Schemas['LabourHoursInput']['entries'], options: WriteOptions = {}): Promise<Schemas['RecordedCount']> {
    return (await this.#transport.request<Schemas['RecordedCount']>('POST', '/labour-hours', { ...options, body: { entries } })).body;
  }
}
