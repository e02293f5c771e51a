import { addToDiagonal, cholesky, dot, gram, inverseFromCholesky, NotPositiveDefiniteError, quadraticForm, solveCholesky, transposeTimes, type Matrix, type Vector } from './linear-algebra.js';

/** Column means and standard deviations of a design matrix, and its standardised copy. */
export interface Standardised {
  z: Matrix;
  means: Vector;
  /** Population standard deviations; 0 for a constant column, which then stays all zeros in z. */
  sds: Vector;
}

/** Centre each column on its mean and divide it by its standard deviation. */
export function standardise(x: Matrix): Standardised {
  const n = x.length;
  const p = x[0]?.length ?? 0;
  const means = Array.from({ length: p }, (_, j) => x.reduce((sum, row) => sum + row[j]!, 0) / n);
  const sds = Array.from({ length: p }, (_, j) => Math.sqrt(x.reduce((sum, row) => sum + (row[j]! - means[j]!) ** 2, 0) / n));
  const z = x.map((row) => row.map((value, j) => (sds[j]! > 0 ? (value - means[j]!) / sds[j]! : 0)));
  return { z, means, sds };
}

/** A ridge fit on standardised columns with an unpenalised intercept. */
export interface RidgeFit {
  lambda: number;
  intercept: number;
  /** Coefficients per standard deviation of each column; 0 for constant columns. */
  coefficients: Vector;
  /** (ZᵀZ + λI)⁻¹ over the non-constant columns, for leverages of new points. */
  inverse: Matrix;
  /** Indices of the non-constant columns that `inverse` covers. */
  active: number[];
  fitted: Vector;
  /** Exact leave-one-out residuals: eᵢ / (1 − hᵢᵢ). */
  looResiduals: Vector;
  /** Trace of the hat matrix, counting the intercept. */
  effectiveParameters: number;
}

/**
 * Fit y = b₀ + Zβ minimising ‖y − b₀ − Zβ‖² + λ‖β‖². With Z centred, b₀ is the mean of y and
 * β solves (ZᵀZ + λI)β = Zᵀ(y − ȳ). The hat matrix is 11ᵀ/n + Z(ZᵀZ + λI)⁻¹Zᵀ, and because
 * ridge is a linear smoother the leave-one-out residual is exactly eᵢ / (1 − hᵢᵢ) for a fixed
 * standardisation. Throws NotPositiveDefiniteError when λ = 0 and the columns are collinear.
 */
export function fitRidge(standardised: Standardised, y: Vector, lambda: number): RidgeFit {
  const n = y.length;
  const p = standardised.sds.length;
  const active = standardised.sds.map((sd, j) => (sd > 0 ? j : -1)).filter((j) => j >= 0);
  const z = standardised.z.map((row) => active.map((j) => row[j]!));

  const mean = y.reduce((sum, value) => sum + value, 0) / n;
  const centred = y.map((value) => value - mean);
  const factor = cholesky(addToDiagonal(gram(z, active.length), lambda));
  const beta = active.length > 0 ? solveCholesky(factor, transposeTimes(z, centred, active.length)) : [];
  const inverse = active.length > 0 ? inverseFromCholesky(factor) : [];

  const fitted = z.map((row) => mean + dot(row, beta));
  const leverages = z.map((row) => 1 / n + (active.length > 0 ? quadraticForm(inverse, row) : 0));
  const looResiduals = y.map((value, i) => (value - fitted[i]!) / (1 - leverages[i]!));

  const coefficients = new Array<number>(p).fill(0);
  active.forEach((j, k) => (coefficients[j] = beta[k]!));
  return {
    lambda,
    intercept: mean,
    coefficients,
    inverse,
    active,
    fitted,
    looResiduals,
    effectiveParameters: leverages.reduce((sum, h) => sum + h, 0),
  };
}

/** Build the default penalty grid: 0 and n·10^k for k from −4 to 2 in quarter steps. */
export function lambdaGrid(n: number): number[] {
  const grid = [0];
  for (let step = -16; step <= 8; step++) grid.push(n * 10 ** (step / 4));
  return grid;
}

/** Mean of the squared leave-one-out residuals (PRESS / n). */
export function looMeanSquare(fit: RidgeFit): number {
  return fit.looResiduals.reduce((sum, e) => sum + e * e, 0) / fit.looResiduals.length;
}

/**
 * Fit every λ of the grid and keep the one with the lowest leave-one-out mean square. On a tie
 * (within 1e-9 relative) the larger λ wins, because it gives the simpler model. A λ whose system
 * is singular is skipped.
 */
export function fitBestRidge(standardised: Standardised, y: Vector, grid: readonly number[] = lambdaGrid(y.length)): RidgeFit {
  let best: { fit: RidgeFit; score: number } | undefined;
  for (const lambda of grid) {
    let fit: RidgeFit;
    try {
      fit = fitRidge(standardised, y, lambda);
    } catch (error) {
      if (error instanceof NotPositiveDefiniteError) continue;
      throw error;
    }
    const score = looMeanSquare(fit);
    if (!Number.isFinite(score)) continue;
    if (!best || score < best.score * (1 - 1e-9) || (score <= best.score * (1 + 1e-9) && lambda > best.fit.lambda)) best = { fit, score };
  }
  if (!best) throw new NotPositiveDefiniteError(0);
  return best.fit;
}

/** Predict for a standardised point: the intercept plus βᵀz. */
export function predictStandardised(fit: RidgeFit, z: Vector): number {
  return fit.intercept + dot(fit.coefficients, z);
}

/**
 * Half-width of a jackknife prediction interval at `level`: the ⌈level·(n+1)⌉-th smallest
 * absolute leave-one-out residual. Null when n is too small for the level (that rank exceeds n).
 */
export function jackknifeHalfWidth(looResiduals: readonly number[], level: number): number | null {
  const sorted = looResiduals.map(Math.abs).sort((a, b) => a - b);
  const rank = Math.ceil(level * (sorted.length + 1));
  return rank <= sorted.length ? sorted[rank - 1]! : null;
}
