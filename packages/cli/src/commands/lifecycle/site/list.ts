import type { components } from '@boh/sdk';
import type { Context } from '../../../runtime/context.js';
import { toJson } from '../../../output/format.js';
import { renderTable } from '../../../output/table.js';
import { forPeople, formatFen } from '../format.js';

type Site = components['schemas']['Site'];

/** List candidate sites (or another stage's stores) with their attributes. */
export async function listSites(context: Context, options: { stage?: string; city?: string }): Promise<void> {
  const sites = await context
    .client()
    .sites.list({ stage: options.stage as Site['store']['lifecycle_stage'] | undefined, city: options.city, limit: 500 })
    .toArray({ max: 100_000 });
  if (context.json) {
    context.io.stdout.write(toJson(sites));
    return;
  }
  const number = (value: number | null | undefined) => (value === null || value === undefined ? '' : String(value));
  const columns = [
    { header: context.t('lifecycle.column.store'), value: (site: Site) => site.store.code },
    { header: context.t('site.option.name'), value: (site: Site) => site.store.name },
    { header: context.t('site.option.city'), value: (site: Site) => site.store.city ?? '' },
    { header: 'm²', value: (site: Site) => number(site.store.area_m2), numeric: true },
    { header: context.t('site.option.rent'), value: (site: Site) => (site.attributes?.rent_fen_per_m2_month == null ? '' : formatFen(site.attributes.rent_fen_per_m2_month)), numeric: true },
    { header: context.t('site.option.footfall'), value: (site: Site) => number(site.attributes?.footfall_daily), numeric: true },
    { header: context.t('site.option.population'), value: (site: Site) => number(site.attributes?.nearby_population), numeric: true },
    { header: context.t('site.option.competitors'), value: (site: Site) => number(site.attributes?.competitors_500m), numeric: true },
  ];
  context.io.stdout.write(renderTable(sites, columns, forPeople(context)));
}
