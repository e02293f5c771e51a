import { describe, expect, it } from 'vitest';
import { cholesky, solveCholesky } from '../../../src/lifecycle/site/linear-algebra.js';
import { fitBestRidge, fitRidge, jackknifeHalfWidth, lambdaGrid, standardise } from '../../../src/lifecycle/site/ridge.js';

/** A deterministic pseudo-random sequence (a linear congruential generator), so fits are repeatable. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function design(n: number, p: number, seed: number): number[][] {
  const next = random(seed);
  return Array.from({ length: n }, () => Array.from({ length: p }, () => next() * 10));
}

describe('standardise', () => {
  it('centres and scales each column and keeps constant columns at zero', () => {
    const s = standardise([
      [1, 5],
      [3, 5],
      [5, 5],
    ]);
    expect(s.means).toEqual([3, 5]);
    expect(s.sds[0]).toBeCloseTo(Math.sqrt(8 / 3), 15);
    expect(s.sds[1]).toBe(0);
    expect(s.z.map((row) => row[1])).toEqual([0, 0, 0]);
    expect(s.z[0]![0]).toBeCloseTo(-2 / Math.sqrt(8 / 3), 15);
  });
});

describe('fitRidge', () => {
  it('recovers an exact linear relation without a penalty', () => {
    const x = design(12, 3, 7);
    const y = x.map((row) => 5 + 2 * row[0]! - 3 * row[1]! + 0.5 * row[2]!);
    const s = standardise(x);
    const fit = fitRidge(s, y, 0);
    expect(fit.coefficients[0]! / s.sds[0]!).toBeCloseTo(2, 9);
    expect(fit.coefficients[1]! / s.sds[1]!).toBeCloseTo(-3, 9);
    expect(fit.coefficients[2]! / s.sds[2]!).toBeCloseTo(0.5, 9);
    fit.fitted.forEach((value, i) => expect(value).toBeCloseTo(y[i]!, 9));
    expect(fit.effectiveParameters).toBeCloseTo(4, 9);
  });

  it('matches the one-column closed form β = Σzy / (Σz² + λ)', () => {
    const s = standardise([[1], [2], [3], [4]]);
    const y = [2, 3, 7, 8];
    const fit = fitRidge(s, y, 2);
    const z = s.z.map((row) => row[0]!);
    const ybar = 5;
    const expected = z.reduce((sum, zi, i) => sum + zi * (y[i]! - ybar), 0) / (z.reduce((sum, zi) => sum + zi * zi, 0) + 2);
    expect(fit.coefficients[0]).toBeCloseTo(expected, 14);
    expect(fit.intercept).toBe(ybar);
  });

  it('shrinks coefficients as the penalty grows', () => {
    const x = design(30, 2, 3);
    const y = x.map((row) => 1 + row[0]! + row[1]!);
    const s = standardise(x);
    const norms = [0, 1, 10, 100, 1000].map((lambda) => Math.hypot(...fitRidge(s, y, lambda).coefficients));
    for (let i = 1; i < norms.length; i++) expect(norms[i]).toBeLessThan(norms[i - 1]!);
  });

  it('gives leave-one-out residuals equal to refitting without each row', () => {
    const x = design(15, 3, 11);
    const next = random(99);
    const y = x.map((row) => 3 + row[0]! - 2 * row[2]! + (next() - 0.5) * 4);
    const s = standardise(x);
    const lambda = 4.5;
    const fit = fitRidge(s, y, lambda);

    // Refit without row i by solving the penalised normal equations with an explicit
    // intercept column, [[n, Σz], [Σz, ZᵀZ + λI]]·[b₀; β] = [Σy; Zᵀy], and predict row i.
    for (let i = 0; i < y.length; i++) {
      const rows = s.z.filter((_, k) => k !== i).map((row) => [1, ...row]);
      const ys = y.filter((_, k) => k !== i);
      const penalty = [0, lambda, lambda, lambda];
      const a = penalty.map((pen, r) => penalty.map((_, c) => rows.reduce((sum, row) => sum + row[r]! * row[c]!, 0) + (r === c ? pen : 0)));
      const b = penalty.map((_, r) => rows.reduce((sum, row, k) => sum + row[r]! * ys[k]!, 0));
      const solution = solveCholesky(cholesky(a), b);
      const prediction = solution[0]! + s.z[i]!.reduce((sum, value, j) => sum + value * solution[j + 1]!, 0);
      expect(fit.looResiduals[i]).toBeCloseTo(y[i]! - prediction, 9);
    }
  });
});

describe('fitBestRidge', () => {
  it('keeps a small penalty for clean data and a large one for noise', () => {
    const x = design(40, 3, 5);
    const next = random(1);
    const clean = x.map((row) => 10 + row[0]! + 2 * row[1]! + (next() - 0.5) * 0.01);
    const noise = x.map(() => next() * 100);
    const cleanFit = fitBestRidge(standardise(x), clean);
    const noiseFit = fitBestRidge(standardise(x), noise);
    expect(cleanFit.lambda).toBeLessThan(1);
    expect(noiseFit.lambda).toBeGreaterThan(40);
    expect(lambdaGrid(40)).toContain(cleanFit.lambda);
  });

  it('skips a singular unpenalised fit of collinear columns', () => {
    const x = design(10, 1, 2).map((row) => [row[0]!, 2 * row[0]!]);
    const y = x.map((row) => row[0]! * 3);
    const fit = fitBestRidge(standardise(x), y);
    expect(fit.lambda).toBeGreaterThan(0);
  });
});

describe('jackknifeHalfWidth', () => {
  it('takes the ⌈level·(n+1)⌉-th smallest absolute residual', () => {
    const residuals = [-5, 1, -2, 3, 4, -6, 7, 8, -9];
    expect(jackknifeHalfWidth(residuals, 0.8)).toBe(8);
    expect(jackknifeHalfWidth(residuals, 0.5)).toBe(5);
    expect(jackknifeHalfWidth(residuals, 0.95)).toBeNull();
  });
});
