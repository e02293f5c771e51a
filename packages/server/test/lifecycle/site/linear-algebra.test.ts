import { describe, expect, it } from 'vitest';
import { cholesky, gram, inverseFromCholesky, NotPositiveDefiniteError, quadraticForm, solveCholesky, transposeTimes } from '../../../src/lifecycle/site/linear-algebra.js';

describe('cholesky', () => {
  it('factors a matrix with an integer factor exactly', () => {
    // A = LLᵀ with L = [[2,0,0],[6,1,0],[-8,5,3]].
    const a = [
      [4, 12, -16],
      [12, 37, -43],
      [-16, -43, 98],
    ];
    expect(cholesky(a)).toEqual([
      [2, 0, 0],
      [6, 1, 0],
      [-8, 5, 3],
    ]);
  });

  it('solves and inverts through the factor', () => {
    const a = [
      [4, 12, -16],
      [12, 37, -43],
      [-16, -43, 98],
    ];
    const l = cholesky(a);
    // b = A·[1, 2, 3]
    solveCholesky(l, [-20, -43, 192]).forEach((value, i) => expect(value).toBeCloseTo(i + 1, 12));
    const inverse = inverseFromCholesky(l);
    const identity = a.map((row) => inverse[0]!.map((_, j) => row.reduce((sum, value, k) => sum + value * inverse[k]![j]!, 0)));
    identity.forEach((row, i) => row.forEach((value, j) => expect(value).toBeCloseTo(i === j ? 1 : 0, 12)));
    expect(inverse[0]![0]).toBeCloseTo(49.36111111111111, 10);
  });

  it('rejects a singular or indefinite matrix', () => {
    expect(() => cholesky([[1, 2], [2, 4]])).toThrow(NotPositiveDefiniteError);
    expect(() => cholesky([[1, 2], [2, 1]])).toThrow(NotPositiveDefiniteError);
    expect(() => cholesky([[0]])).toThrow(NotPositiveDefiniteError);
  });
});

describe('products', () => {
  it('builds XᵀX, Xᵀy and xᵀAx', () => {
    const x = [
      [1, 2],
      [3, 4],
      [5, 6],
    ];
    expect(gram(x, 2)).toEqual([
      [35, 44],
      [44, 56],
    ]);
    expect(transposeTimes(x, [1, 0, -1], 2)).toEqual([-4, -4]);
    expect(quadraticForm([[2, 1], [1, 3]], [1, 2])).toBe(2 + 2 + 2 + 12);
  });
});
