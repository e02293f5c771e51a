import type { components, operations } from './generated/openapi.js';
import { StoreLifecycleResource } from './resources/lifecycle.js';
import { ImportsResource } from './resources/imports.js';
import { MasterDataResource } from './resources/master-data.js';
import { SitesResource } from './resources/sites.js';
import { LedgerResource } from './resources/ledger.js';
import { OrdersResource } from './resources/orders.js';
import { StockResource } from './resources/stock.js';
import { TokensResource } from './resources/tokens.js';
import { ReportsResource } from './resources/reports.js';
import { StatementsResource } from './resources/statements.js';
import { ReconciliationsResource } from './resources/reconciliations.js';
import { DispatchResource, MaintenanceResource, TicketsResource } from './resources/tickets.js';
import { Transport, type ClientOptions, type RequestOptions } from './transport.js';

type Schemas = components['schemas'];
type Filters<K extends keyof operations> = NonNullable<operations[K]['parameters']['query']>;

/**
 * A BOH API client. One client keeps a pool of keep-alive connections; call `close()` when done.
 *
 * ```ts
 * const boh = createClient({ baseUrl: 'http://127.0.0.1:4010', token: process.env.BOH_TOKEN });
 * const store = await boh.stores.create({ code: '0001', name: '静安寺店', city: '上海' });
 * ```
 */
export class BohClient {
  readonly transport: Transport;
  readonly regions: MasterDataResource<Schemas['Region'], Schemas['RegionCreate'], Schemas['RegionUpdate'], Filters<'listRegions'>>;
  readonly stores: MasterDataResource<Schemas['Store'], Schemas['StoreCreate'], Schemas['StoreUpdate'], Filters<'listStores'>>;
  /** Items (物料) with their pack units. */
  readonly items: MasterDataResource<Schemas['Item'], Schemas['ItemCreate'], Schemas['ItemUpdate'], Filters<'listItems'>>;
  /** Menu items (菜品/饮品) with their recipes; `update` with `components` replaces the whole recipe. */
  readonly menuItems: MasterDataResource<Schemas['MenuItem'], Schemas['MenuItemCreate'], Schemas['MenuItemUpdate'], Filters<'listMenuItems'>>;
  readonly suppliers: MasterDataResource<Schemas['Supplier'], Schemas['SupplierCreate'], Schemas['SupplierUpdate'], Filters<'listSuppliers'>>;
  /** Employees (员工); a store_manager token reaches only those of its own stores. */
  readonly employees: MasterDataResource<Schemas['Employee'], Schemas['EmployeeCreate'], Schemas['EmployeeUpdate'], Filters<'listEmployees'>>;
  /** Assets (设备资产); a store_manager token reaches only those of its own stores. */
  readonly assets: MasterDataResource<Schemas['Asset'], Schemas['AssetCreate'], Schemas['AssetUpdate'], Filters<'listAssets'>>;
  readonly tokens: TokensResource;
  /** Store lifecycle: stage moves, checklists, stage history, construction budget, KPI context. */
  readonly lifecycle: StoreLifecycleResource;
  /** Site selection: candidate sites, site attributes and the scoring model. */
  readonly sites: SitesResource;
  /** Repair tickets (报修工单). */
  readonly tickets: TicketsResource;
  /** Technicians and dispatch. */
  readonly dispatch: DispatchResource;
  /** SLA settings, equipment signals, events and maintenance analytics. */
  readonly maintenance: MaintenanceResource;
  /** Import jobs (导入任务): resumable, batch-atomic loading of files into any resource. */
  readonly imports: ImportsResource;
  /** Orders and refunds: posting consumes stock and writes the journal entry in one transaction. */
  readonly orders: OrdersResource;
  /** Stock on hand, movements, stock documents, counts (盘点) and the negative-stock policy. */
  readonly stock: StockResource;
  /** Chart of accounts, posting rules, tax rates, periods, journal entries, trial balance and detail. */
  readonly ledger: LedgerResource;
  /** Reports: catalogue, runs and output files, footfall counts and labour hours. */
  readonly reports: ReportsResource;
  /** Payment-channel and bank statements (对账单) stored for reconciliation. */
  readonly statements: StatementsResource;
  /** Reconciliations (对账) of POS payments against statements. */
  readonly reconciliations: ReconciliationsResource;

  constructor(options: ClientOptions) {
    this.transport = new Transport(options);
    this.regions = new MasterDataResource(this.transport, '/regions', 'region');
    this.stores = new MasterDataResource(this.transport, '/stores', 'store');
    this.items = new MasterDataResource(this.transport, '/items', 'item');
    this.menuItems = new MasterDataResource(this.transport, '/menu-items', 'menu_item');
    this.suppliers = new MasterDataResource(this.transport, '/suppliers', 'supplier');
    this.employees = new MasterDataResource(this.transport, '/employees', 'employee');
    this.assets = new MasterDataResource(this.transport, '/assets', 'asset');
    this.tokens = new TokensResource(this.transport);
    this.lifecycle = new StoreLifecycleResource(this.transport);
    this.sites = new SitesResource(this.transport);
    this.tickets = new TicketsResource(this.transport);
    this.dispatch = new DispatchResource(this.transport);
    this.maintenance = new MaintenanceResource(this.transport);
    this.imports = new ImportsResource(this.transport);
    this.orders = new OrdersResource(this.transport);
    this.stock = new StockResource(this.transport);
    this.ledger = new LedgerResource(this.transport);
    this.reports = new ReportsResource(this.transport);
    this.statements = new StatementsResource(this.transport);
    this.reconciliations = new ReconciliationsResource(this.transport);
  }

  /** The server's state; needs no token. */
  async health(): Promise<Schemas['Health']> {
    return (await this.transport.request<Schemas['Health']>('GET', '/health')).body;
  }

  /** The token this client uses: its name, role and stores. */
  async me(): Promise<Schemas['Token']> {
    return (await this.transport.request<Schemas['Token']>('GET', '/me')).body;
  }

  /** Call any path of the API directly, with the same retries and errors. */
  async request<T>(method: string, path: string, options?: RequestOptions): Promise<T> {
    return (await this.transport.request<T>(method, path, options)).body;
  }

  async close(): Promise<void> {
    await this.transport.close();
  }
}

export function createClient(options: ClientOptions): BohClient {
  return new BohClient(options);
}
