/** Mean radius of the Earth in metres (IUGG mean radius R1). */
export const EARTH_RADIUS_M = 6_371_008.8;

export interface Point {
  latitude: number;
  longitude: number;
}

/**
 * Great-circle distance in metres by the haversine formula on a sphere. Over the distances site
 * selection cares about (metres to tens of kilometres) it differs from the ellipsoidal distance
 * by less than 0.5 %.
 */
export function greatCircleMetres(a: Point, b: Point): number {
  const toRadians = Math.PI / 180;
  const phi1 = a.latitude * toRadians;
  const phi2 = b.latitude * toRadians;
  const deltaPhi = (b.latitude - a.latitude) * toRadians;
  const deltaLambda = (b.longitude - a.longitude) * toRadians;
  const h = Math.sin(deltaPhi / 2) ** 2 + Math.cos(phi1) * Math.cos(phi2) * Math.sin(deltaLambda / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}
