import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_STATE, countTo, estimateValue, issue, receive, type StockState } from '../../src/inventory/valuation.js';

const state = (quantity: number, value: number, lastCostQuantity = quantity > 0 ? quantity : 0, lastCostValue = quantity > 0 ? value : 0): StockState => ({
  quantity,
  value,
  lastCostQuantity,
  lastCostValue,
});

describe('moving average', () => {
  it('issues a third at a time and ends at exactly zero value', () => {
    let s = receive(EMPTY_STATE, 3, 100).state;
    const values: number[] = [];
    for (let i = 0; i < 3; i++) {
      const v = issue(s, 1);
      values.push(-v.delta);
      s = v.state;
    }
    expect(values).toEqual([33, 34, 33]);
    expect(s).toEqual({ quantity: 0, value: 0, lastCostQuantity: 1, lastCostValue: 33 });
  });

  it('averages receipts at different prices', () => {
    const s = receive(receive(EMPTY_STATE, 1000, 12_000).state, 1000, 14_000).state;
    expect(issue(s, 500).delta).toBe(-6500);
  });

  it('values stock issued below zero at the last cost and flags it', () => {
    const v = issue(state(10, 120), 15);
    expect(v).toMatchObject({ delta: -(120 + 60), negative: true, estimated: true, state: { quantity: -5, value: -60 } });
  });

  it('uses the standard cost without any history', () => {
    const v = issue(EMPTY_STATE, 2_000_000, { fen: 500, microPerUnit: 1_000_000 });
    expect(v.delta).toBe(-1000);
  });

  it('puts the difference to the real cost into variance when the hole fills', () => {
    const hole = state(-5, -60, 10, 120);
    const exact = receive(hole, 5, 75);
    expect(exact).toMatchObject({ delta: 60, variance: 15, state: { quantity: 0, value: 0 } });
    const more = receive(hole, 10, 150);
    expect(more).toMatchObject({ delta: 150, variance: 0, state: { quantity: 5, value: 90 } });
  });

  it('never leaves a positive quantity with a negative value', () => {
    const v = receive(state(-5, -60, 10, 120), 6, 0);
    expect(v).toMatchObject({ delta: 60, variance: -60, state: { quantity: 1, value: 0 } });
  });

  it('values count gains and fills holes', () => {
    expect(countTo(state(10, 120), 12).delta).toBe(24);
    expect(countTo(state(-5, -60, 10, 120), 2)).toMatchObject({ delta: 60 + 24, variance: 0, state: { quantity: 2, value: 24 } });
    expect(countTo(state(10, 120), 4)).toMatchObject({ delta: -72, state: { quantity: 4, value: 48 } });
  });

  it('estimates nothing without any cost', () => {
    expect(estimateValue(EMPTY_STATE, 5)).toBe(0);
  });
});

describe('valuation properties', () => {
  const movement = fc.oneof(
    fc.record({ kind: fc.constant('in' as const), quantity: fc.integer({ min: 1, max: 1e9 }), value: fc.integer({ min: 0, max: 1e7 }) }),
    fc.record({ kind: fc.constant('out' as const), quantity: fc.integer({ min: 1, max: 1e9 }) }),
    fc.record({ kind: fc.constant('count' as const), quantity: fc.integer({ min: 0, max: 1e9 }) }),
  );

  it('keeps value equal to the sum of deltas and zero with zero quantity', () => {
    fc.assert(
      fc.property(fc.array(movement, { maxLength: 40 }), (movements) => {
        let s = EMPTY_STATE;
        let quantity = 0;
        let value = 0;
        for (const m of movements) {
          const v = m.kind === 'in' ? receive(s, m.quantity, m.value) : m.kind === 'out' ? issue(s, m.quantity) : countTo(s, m.quantity);
          quantity += v.state.quantity - s.quantity;
          value += v.delta;
          s = v.state;
          if (s.quantity === 0) expect(s.value).toBe(0);
          if (s.quantity > 0) expect(s.value).toBeGreaterThanOrEqual(0);
        }
        expect(s.quantity).toBe(quantity);
        expect(s.value).toBe(value);
      }),
    );
  });

  it('undoes an issue exactly by receiving it back at its value', () => {
    fc.assert(
      fc.property(fc.array(movement, { maxLength: 20 }), fc.integer({ min: 1, max: 1e9 }), (movements, taken) => {
        let s = EMPTY_STATE;
        for (const m of movements) s = (m.kind === 'in' ? receive(s, m.quantity, m.value) : m.kind === 'out' ? issue(s, m.quantity) : countTo(s, m.quantity)).state;
        const out = issue(s, taken);
        const back = receive(out.state, taken, -out.delta);
        expect(back.state).toEqual(s);
        expect(back.variance).toBe(0);
      }),
    );
  });
});
