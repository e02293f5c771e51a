import type { components, operations } from '../generated/openapi.js';
import { PagedList, type Page } from '../paginate.js';
import type { Transport } from '../transport.js';
import type { UpdateOptions, WriteOptions } from './master-data.js';

type Schemas = components['schemas'];
type Query<K extends keyof operations> = NonNullable<operations[K]['parameters']['query']>;

/**
 * The store lifecycle (门店全生命周期): moves between stages, checklists, stage history, the
 * construction budget with its actual costs, and the lifecycle context of store KPIs.
 *
 * ```ts
 * await boh.lifecycle.tick('0001', 'food_licence', { done: true, evidence_ref: 'JY13101050012345' });
 * const { store } = await boh.lifecycle.transition('0001', { to_stage: 'pre_opening' });
 * ```
 */
export class StoreLifecycleResource {
  readonly #transport: Transport;

  constructor(transport: Transport) {
    this.#transport = transport;
  }

  /**
   * Move a store to another stage. Rejected with BohConflictError when the move is not allowed
   * (`transition_not_allowed`), mandatory checklist items are open (`checklist_incomplete`) or
   * records still tie the store to operations on the way to closed (`closing_blocked`).
   */
  async transition(code: string, input: Schemas['StageTransitionCreate'], options: UpdateOptions = {}): Promise<Schemas['StageTransitionResult']> {
    const request = { ...options, body: input, headers: { 'if-match': ifMatch(options.ifVersion) } };
    return (await this.#transport.request<Schemas['StageTransitionResult']>('POST', `${store(code)}/transitions`, request)).body;
  }

  /** Apply many moves as one import; see `BatchTransitionRequest` for dry runs and atomicity. */
  async transitionMany(input: Schemas['BatchTransitionRequest'], options: WriteOptions = {}): Promise<Schemas['BatchTransitionReport']> {
    return (await this.#transport.request<Schemas['BatchTransitionReport']>('POST', '/store-transitions', { ...options, body: input })).body;
  }

  /** List the store's moves, newest first. */
  transitions(code: string): PagedList<Schemas['StageTransition']> {
    return this.#list(`${store(code)}/transitions`, {});
  }

  /** List the store's stays per stage, oldest first, with the days spent in each. */
  stages(code: string): PagedList<Schemas['StagePeriod']> {
    return this.#list(`${store(code)}/stages`, {});
  }

  /** Fetch the checklist of the current stage, or of the latest stay in `stage`. */
  async checklist(code: string, stage?: Schemas['LifecycleStage']): Promise<Schemas['Checklist']> {
    return (await this.#transport.request<Schemas['Checklist']>('GET', `${store(code)}/checklist`, { query: { stage } })).body;
  }

  /** Tick or untick an item of the current stage's checklist. */
  async tick(code: string, key: string, input: Schemas['ChecklistItemUpdate'], options: UpdateOptions = {}): Promise<Schemas['ChecklistItem']> {
    const request = { body: input, signal: options.signal, headers: { 'if-match': ifMatch(options.ifVersion) } };
    return (await this.#transport.request<Schemas['ChecklistItem']>('PATCH', `${store(code)}/checklist/${encodeURIComponent(key)}`, request)).body;
  }

  async budget(code: string): Promise<Schemas['ConstructionBudget']> {
    return (await this.#transport.request<Schemas['ConstructionBudget']>('GET', `${store(code)}/construction-budget`)).body;
  }

  /** Replace the construction budget; pass `ifVersion` from the budget you read. */
  async setBudget(code: string, input: Schemas['ConstructionBudgetUpdate'], options: UpdateOptions = {}): Promise<Schemas['ConstructionBudget']> {
    const request = { body: input, signal: options.signal, headers: { 'if-match': ifMatch(options.ifVersion) } };
    return (await this.#transport.request<Schemas['ConstructionBudget']>('PUT', `${store(code)}/construction-budget`, request)).body;
  }

  /** Record an actual construction cost. A reference used before at the store is a BohConflictError. */
  async addCost(code: string, input: Schemas['ConstructionCostCreate'], options: WriteOptions = {}): Promise<Schemas['ConstructionCost']> {
    return (await this.#transport.request<Schemas['ConstructionCost']>('POST', `${store(code)}/construction-costs`, { ...options, body: input })).body;
  }

  costs(code: string, filters: Query<'listConstructionCosts'> = {}): PagedList<Schemas['ConstructionCost']> {
    return this.#list(`${store(code)}/construction-costs`, filters);
  }

  /** Budget against actual, per category and in total. */
  async budgetReport(code: string): Promise<Schemas['ConstructionBudgetReport']> {
    return (await this.#transport.request<Schemas['ConstructionBudgetReport']>('GET', `${store(code)}/construction-budget/report`)).body;
  }

  /** Stores with days since opening and their cohort (同店 comparable, new, …) for a period. */
  context(filters: Query<'listStoreLifecycleContext'>): PagedList<Schemas['StoreLifecycleContext']> {
    return this.#list('/store-lifecycle-context', filters);
  }

  #list<T>(path: string, filters: object): PagedList<T> {
    return new PagedList(async (cursor) => {
      const query = { ...(filters as Record<string, string | number | undefined>), ...(cursor ? { cursor } : {}) };
      return (await this.#transport.request<Page<T>>('GET', path, { query })).body;
    }, this.#transport.options.language);
  }
}

function store(code: string): string {
  return `/stores/${encodeURIComponent(code)}`;
}

/** An If-Match header from a version number or an ETag. */
export function ifMatch(version: number | string | undefined): string | undefined {
  if (version === undefined) return undefined;
  const text = String(version);
  return text.startsWith('"') || text.startsWith('W/') ? text : `"${text}"`;
}
