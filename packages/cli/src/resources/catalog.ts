import type { BohClient, MasterDataResource } from '@boh/sdk';

/** A master-data resource as the CLI exposes it: command name, SDK property and contract names. */
export interface ResourceDescriptor {
  /** The API's resource name, also the template name and the `boh history` argument. */
  name: string;
  /** The command group: `boh store …`. */
  command: string;
  /** The property of the SDK client. */
  sdk: 'regions' | 'stores';
  listOperation: string;
  createSchema: string;
  updateSchema: string;
  /** Query parameters offered as filter options, beyond active, q, updated_since and sort. */
  filters: string[];
}

export const RESOURCES: readonly ResourceDescriptor[] = [
  {
    name: 'region',
    command: 'region',
    sdk: 'regions',
    listOperation: 'listRegions',
    createSchema: 'RegionCreate',
    updateSchema: 'RegionUpdate',
    filters: ['parent_code'],
  },
  {
    name: 'store',
    command: 'store',
    sdk: 'stores',
    listOperation: 'listStores',
    createSchema: 'StoreCreate',
    updateSchema: 'StoreUpdate',
    filters: ['region_code', 'city', 'brand', 'lifecycle_stage'],
  },
];

type AnyRecord = Record<string, unknown>;

/** The SDK resource of a descriptor, typed loosely so one command serves every resource. */
export function resourceClient(client: BohClient, resource: ResourceDescriptor): MasterDataResource<AnyRecord, AnyRecord, AnyRecord, AnyRecord> {
  return client[resource.sdk] as unknown as MasterDataResource<AnyRecord, AnyRecord, AnyRecord, AnyRecord>;
}
