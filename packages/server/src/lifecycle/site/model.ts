import type { Kysely } from 'kysely';
import type { components } from '@boh/sdk/types';
import type { Database } from '../../db/schema.js';
import { ApiError } from '../../http/api-error.js';
import { monthBounds } from '../dates.js';
import { OWN_STORE_STAGES } from '../stages.js';
import { FEATURES, missingAttributes, NEAREST_STORE_CAP_KM, rawFeatures, storesAround, transformFeatures, type Located, type SiteFacts } from './features.js';
import { loadStorePerformance } from './performance.js';
import { fitBestRidge, jackknifeHalfWidth, predictStandardised, standardise, type RidgeFit, type Standardised } from './ridge.js';

type SiteModel = components['schemas']['SiteModel'];
type SiteScore = components['schemas']['SiteScore'];

export interface ModelOptions {
  from?: string;
  to?: string;
  minDaysPerMonth?: number;
  minMonths?: number;
  /** The date that sets the default window; today (UTC) when absent. */
  today?: string;
}

/** A fitted model, its summary for the API, and what scoring needs. */
export interface FittedSiteModel {
  summary: SiteModel;
  fit: RidgeFit;
  standardised: Standardised;
  ownStores: Located[];
}

/** Stores needed at least: enough to estimate every feature and leave a few degrees of freedom. */
export const MIN_TRAINING_STORES = Math.max(8, FEATURES.length + 3);

/** Read every store with its site attributes, in code order. */
export async function loadSiteFacts(db: Kysely<Database>, codes?: readonly string[]): Promise<SiteFacts[]> {
  let query = db
    .selectFrom('stores')
    .leftJoin('store_site_attributes', 'store_site_attributes.store_code', 'stores.code')
    .select([
      'stores.code as store_code', 'stores.name', 'stores.city', 'stores.lifecycle_stage as stage', 'stores.area_m2', 'stores.latitude', 'stores.longitude',
      'store_site_attributes.rent_fen_per_m2_month', 'store_site_attributes.footfall_daily', 'store_site_attributes.nearby_population',
      'store_site_attributes.competitors_500m',
    ]);
  if (codes) query = query.where('stores.code', 'in', codes.length > 0 ? codes : ['']);
  const rows = await query.orderBy('stores.code').execute();
  return rows.map((row) => ({
    ...row,
    rent_fen_per_m2_month: row.rent_fen_per_m2_month === null ? null : Number(row.rent_fen_per_m2_month),
  })) as SiteFacts[];
}

/**
 * Fit the site-selection model on the stores' monthly sales per m² over the window. Stores
 * without enough trading months, area, attributes or coordinates are counted and left out; too
 * few remaining is a 409 that counts the stores left out by reason.
 */
export async function fitSiteModel(db: Kysely<Database>, options: ModelOptions = {}): Promise<FittedSiteModel> {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const from = options.from ?? monthBounds(today, -12).first;
  const to = options.to ?? monthBounds(today, -1).last;
  if (from > to) throw new ApiError(422, 'site_window_invalid', { from, to });
  const minDaysPerMonth = options.minDaysPerMonth ?? 20;
  const minMonths = options.minMonths ?? 3;

  const performance = new Map((await loadStorePerformance(db, { from, to, minDaysPerMonth })).map((p) => [p.store_code, p]));
  const facts = await loadSiteFacts(db);
  const ownStores = facts
    .filter((site) => OWN_STORE_STAGES.includes(site.stage as never) && site.latitude !== null && site.longitude !== null)
    .map((site) => ({ store_code: site.store_code, name: site.name, latitude: site.latitude!, longitude: site.longitude! }));

  const excluded = { no_sales: 0, few_months: 0, no_area: 0, no_attributes: 0, no_coordinates: 0 };
  const rows: number[][] = [];
  const target: number[] = [];
  for (const site of facts) {
    const sales = performance.get(site.store_code);
    if (!sales) {
      if (site.stage === 'operating' || site.stage === 'renovating') excluded.no_sales += 1;
      continue;
    }
    const missing = missingAttributes(site);
    if (sales.months_counted < minMonths) excluded.few_months += 1;
    else if (missing.includes('area_m2')) excluded.no_area += 1;
    else if (missing.includes('coordinates')) excluded.no_coordinates += 1;
    else if (missing.length > 0) excluded.no_attributes += 1;
    else {
      const nearest = storesAround(site as SiteFacts & { latitude: number; longitude: number }, ownStores, 0, site.store_code).nearest;
      rows.push(transformFeatures(rawFeatures(site, nearest ? nearest.distance / 1000 : NEAREST_STORE_CAP_KM)));
      target.push(sales.monthly_sales_fen / site.area_m2!);
    }
  }

  if (rows.length < MIN_TRAINING_STORES) {
    throw new ApiError(409, 'site_model_not_enough_stores', { needed: MIN_TRAINING_STORES, used: rows.length, from, to, min_months: minMonths, min_days_per_month: minDaysPerMonth, ...excluded });
  }

  const standardised = standardise(rows);
  const fit = fitBestRidge(standardised, target);
  return { summary: summarise(fit, standardised, target, { from, to, minDaysPerMonth, minMonths, excluded }), fit, standardised, ownStores };
}

function summarise(
  fit: RidgeFit,
  standardised: Standardised,
  target: number[],
  context: { from: string; to: string; minDaysPerMonth: number; minMonths: number; excluded: SiteModel['stores_excluded'] },
): SiteModel {
  const mean = fit.intercept;
  const totalSquares = target.reduce((sum, y) => sum + (y - mean) ** 2, 0);
  const residualSquares = target.reduce((sum, y, i) => sum + (y - fit.fitted[i]!) ** 2, 0);
  const press = fit.looResiduals.reduce((sum, e) => sum + e * e, 0);
  return {
    window: { from: context.from, to: context.to },
    min_days_per_month: context.minDaysPerMonth,
    min_months: context.minMonths,
    stores_used: target.length,
    stores_excluded: context.excluded,
    lambda: fit.lambda,
    intercept_fen_per_m2: mean,
    loo_rmse_fen_per_m2: Math.sqrt(press / target.length),
    r2: totalSquares > 0 ? 1 - residualSquares / totalSquares : 0,
    loo_r2: totalSquares > 0 ? 1 - press / totalSquares : 0,
    effective_parameters: fit.effectiveParameters,
    features: FEATURES.map((feature, j) => ({
      attribute: feature.attribute,
      transform: feature.transform,
      mean: standardised.means[j]!,
      sd: standardised.sds[j]!,
      coefficient: fit.coefficients[j]!,
      coefficient_per_unit: standardised.sds[j]! > 0 ? fit.coefficients[j]! / standardised.sds[j]! : 0,
    })),
  };
}

/**
 * Score one site: predicted monthly sales per m² and in total with a jackknife interval, the
 * effect of each attribute against the average store, the nearest own store and the own stores
 * within `radiusMetres`.
 */
export function scoreSite(model: FittedSiteModel, site: SiteFacts, options: { level: number; radiusMetres: number }): Omit<SiteScore, 'rank'> {
  const located = site.latitude !== null && site.longitude !== null;
  const around = located ? storesAround({ latitude: site.latitude!, longitude: site.longitude! }, model.ownStores, options.radiusMetres, site.store_code) : undefined;
  const toEntry = (entry: { store: Located; distance: number }) => ({ store_code: entry.store.store_code, name: entry.store.name, distance_m: Math.round(entry.distance) });
  const base = {
    store_code: site.store_code,
    name: site.name,
    city: site.city ?? null,
    area_m2: site.area_m2 ?? null,
    nearest_store: around?.nearest ? toEntry(around.nearest) : null,
    cannibalisation: { warning: (around?.within.length ?? 0) > 0, radius_m: options.radiusMetres, stores: (around?.within ?? []).map(toEntry) },
  };

  const missing = missingAttributes(site);
  if (missing.length > 0) {
    return { ...base, status: 'incomplete', missing, predicted_sales_per_m2_fen: null, predicted_monthly_sales_fen: null, interval: null, drivers: [] };
  }

  const raw = rawFeatures(site, around?.nearest ? around.nearest.distance / 1000 : NEAREST_STORE_CAP_KM);
  const transformed = transformFeatures(raw);
  const { means, sds } = model.standardised;
  const z = transformed.map((value, j) => (sds[j]! > 0 ? (value - means[j]!) / sds[j]! : 0));
  const perM2 = predictStandardised(model.fit, z);
  const area = site.area_m2!;
  const halfWidth = jackknifeHalfWidth(model.fit.looResiduals, options.level);

  const drivers = FEATURES.map((feature, j) => ({ attribute: feature.attribute, value: raw[j]!, effect_fen: Math.round(model.fit.coefficients[j]! * z[j]! * area) }))
    .filter((_driver, j) => sds[j]! > 0)
    .sort((a, b) => Math.abs(b.effect_fen) - Math.abs(a.effect_fen) || (a.attribute < b.attribute ? -1 : 1));
  return {
    ...base,
    status: 'scored',
    missing: [],
    predicted_sales_per_m2_fen: Math.round(perM2),
    predicted_monthly_sales_fen: Math.round(Math.max(0, perM2) * area),
    interval:
      halfWidth === null
        ? null
        : { level: options.level, lower_fen: Math.round(Math.max(0, perM2 - halfWidth) * area), upper_fen: Math.round(Math.max(0, perM2 + halfWidth) * area) },
    drivers,
  };
}
