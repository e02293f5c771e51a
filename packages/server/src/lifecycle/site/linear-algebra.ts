// Dense linear algebra for the small symmetric systems of ridge regression (one row and column
// per site attribute). Matrices are arrays of rows.

export type Matrix = number[][];
export type Vector = number[];

/** XᵀX for an n×p matrix X. */
export function gram(x: Matrix, columns: number): Matrix {
  const result = Array.from({ length: columns }, () => new Array<number>(columns).fill(0));
  for (const row of x) {
    for (let i = 0; i < columns; i++) {
      const xi = row[i]!;
      if (xi === 0) continue;
      for (let j = i; j < columns; j++) result[i]![j]! += xi * row[j]!;
    }
  }
  for (let i = 0; i < columns; i++) for (let j = 0; j < i; j++) result[i]![j] = result[j]![i]!;
  return result;
}

/** Xᵀy. */
export function transposeTimes(x: Matrix, y: Vector, columns: number): Vector {
  const result = new Array<number>(columns).fill(0);
  x.forEach((row, index) => {
    const yi = y[index]!;
    for (let j = 0; j < columns; j++) result[j]! += row[j]! * yi;
  });
  return result;
}

/** Return A + λI. */
export function addToDiagonal(a: Matrix, lambda: number): Matrix {
  return a.map((row, i) => row.map((value, j) => (i === j ? value + lambda : value)));
}

/** Raised when a matrix given to `cholesky` is not symmetric positive definite. */
export class NotPositiveDefiniteError extends Error {
  constructor(column: number) {
    super(`The matrix is not positive definite (pivot ${column} is not positive).`);
    this.name = 'NotPositiveDefiniteError';
  }
}

/**
 * Factor A into the lower-triangular L with A = LLᵀ (Cholesky–Banachiewicz). A pivot at or below a relative
 * tolerance of the diagonal counts as zero, so a singular A is reported instead of giving
 * coefficients dominated by rounding.
 */
export function cholesky(a: Matrix): Matrix {
  const n = a.length;
  const scale = Math.max(...a.map((row, i) => Math.abs(row[i]!)), 0);
  const tolerance = scale * n * Number.EPSILON * 16;
  const l = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i]![j]!;
      for (let k = 0; k < j; k++) sum -= l[i]![k]! * l[j]![k]!;
      if (i === j) {
        if (!(sum > tolerance)) throw new NotPositiveDefiniteError(i);
        l[i]![i] = Math.sqrt(sum);
      } else {
        l[i]![j] = sum / l[j]![j]!;
      }
    }
  }
  return l;
}

/** Solve LLᵀx = b by forward and back substitution. */
export function solveCholesky(l: Matrix, b: Vector): Vector {
  const n = l.length;
  const y = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let sum = b[i]!;
    for (let k = 0; k < i; k++) sum -= l[i]![k]! * y[k]!;
    y[i] = sum / l[i]![i]!;
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let sum = y[i]!;
    for (let k = i + 1; k < n; k++) sum -= l[k]![i]! * x[k]!;
    x[i] = sum / l[i]![i]!;
  }
  return x;
}

/** A⁻¹ from the Cholesky factor of A, one column at a time. */
export function inverseFromCholesky(l: Matrix): Matrix {
  const n = l.length;
  const columns = Array.from({ length: n }, (_, j) => solveCholesky(l, Array.from({ length: n }, (_, i) => (i === j ? 1 : 0))));
  return Array.from({ length: n }, (_, i) => columns.map((column) => column[i]!));
}

/** xᵀAx. */
export function quadraticForm(a: Matrix, x: Vector): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) {
    let rowSum = 0;
    for (let j = 0; j < x.length; j++) rowSum += a[i]![j]! * x[j]!;
    sum += x[i]! * rowSum;
  }
  return sum;
}

export function dot(a: Vector, b: Vector): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}
