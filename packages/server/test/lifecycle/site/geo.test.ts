import { describe, expect, it } from 'vitest';
import { greatCircleMetres } from '../../../src/lifecycle/site/geo.js';

describe('greatCircleMetres', () => {
  it('is zero from a point to itself', () => {
    expect(greatCircleMetres({ latitude: 31.2, longitude: 121.4 }, { latitude: 31.2, longitude: 121.4 })).toBe(0);
  });

  it('measures one degree of latitude as πR/180', () => {
    expect(greatCircleMetres({ latitude: 30, longitude: 121 }, { latitude: 31, longitude: 121 })).toBeCloseTo((Math.PI * 6_371_008.8) / 180, 6);
  });

  it('puts Shanghai People’s Square about 1,068 km from Beijing Tiananmen', () => {
    const metres = greatCircleMetres({ latitude: 31.2304, longitude: 121.4737 }, { latitude: 39.9087, longitude: 116.3975 });
    expect(metres / 1000).toBeGreaterThan(1060);
    expect(metres / 1000).toBeLessThan(1075);
  });

  it('crosses the antimeridian the short way', () => {
    const metres = greatCircleMetres({ latitude: 0, longitude: 179.5 }, { latitude: 0, longitude: -179.5 });
    expect(metres).toBeCloseTo((Math.PI * 6_371_008.8) / 180, 6);
  });
});
