import { greatCircleMetres, type Point } from './geo.js';

/** The facts the model uses about a store or candidate site. */
export interface SiteFacts {
  store_code: string;
  name: string;
  city: string | null;
  stage: string;
  area_m2: number | null;
  latitude: number | null;
  longitude: number | null;
  rent_fen_per_m2_month: number | null;
  footfall_daily: number | null;
  nearby_population: number | null;
  competitors_500m: number | null;
}

export type Transform = 'none' | 'log1p';

/**
 * The model's inputs, in order. Counts that span orders of magnitude (footfall, population,
 * distance, area) enter as ln(1 + value), so that doubling them has the same effect at any size.
 */
export const FEATURES: readonly { attribute: string; transform: Transform }[] = [
  { attribute: 'rent_fen_per_m2_month', transform: 'none' },
  { attribute: 'footfall_daily', transform: 'log1p' },
  { attribute: 'nearby_population', transform: 'log1p' },
  { attribute: 'competitors_500m', transform: 'none' },
  { attribute: 'nearest_store_km', transform: 'log1p' },
  { attribute: 'area_m2', transform: 'log1p' },
];

/** Distances beyond this count as this far: a store 40 km away competes no more than one 20 km away. */
export const NEAREST_STORE_CAP_KM = 20;

const ENTERED = ['area_m2', 'rent_fen_per_m2_month', 'footfall_daily', 'nearby_population', 'competitors_500m'] as const;

/** List the attributes a site lacks for scoring: entered figures and coordinates. */
export function missingAttributes(site: SiteFacts): string[] {
  const missing: string[] = ENTERED.filter((name) => site[name] === null || site[name] === undefined);
  if (site.latitude === null || site.longitude === null) missing.push('coordinates');
  return missing;
}

/** Return the raw (untransformed) feature values of a complete site, in FEATURES order. */
export function rawFeatures(site: SiteFacts, nearestKm: number): number[] {
  return [
    site.rent_fen_per_m2_month!,
    site.footfall_daily!,
    site.nearby_population!,
    site.competitors_500m!,
    Math.min(nearestKm, NEAREST_STORE_CAP_KM),
    site.area_m2!,
  ];
}

export function transformFeatures(raw: readonly number[]): number[] {
  return raw.map((value, j) => (FEATURES[j]!.transform === 'log1p' ? Math.log1p(value) : value));
}

/** An own store with coordinates, for distances. */
export interface Located extends Point {
  store_code: string;
  name: string;
}

/**
 * Own stores ordered by distance from `point`, leaving out `exclude` (the site itself). Only the
 * stores within `withinMetres` are returned, plus always the nearest one.
 */
export function storesAround(point: Point, stores: readonly Located[], withinMetres: number, exclude?: string) {
  let nearest: { store: Located; distance: number } | undefined;
  const within: { store: Located; distance: number }[] = [];
  for (const store of stores) {
    if (store.store_code === exclude) continue;
    const distance = greatCircleMetres(point, store);
    if (!nearest || distance < nearest.distance) nearest = { store, distance };
    if (distance <= withinMetres) within.push({ store, distance });
  }
  within.sort((a, b) => a.distance - b.distance);
  return { nearest, within };
}
