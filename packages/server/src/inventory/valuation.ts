import { mulDivRound } from '../math/integer.js';

// Moving-average valuation of one store's stock of one item. The balance keeps its total value
// in fen, so an issue takes round(value × issued ÷ on hand) and the value reaches exactly 0 when
// the quantity does. While stock is negative (allowed by the chain's policy) the missing part is
// valued at an estimate, and the difference to the real cost goes to cost of goods sold when the
// quantity is back to zero.

/** On hand (millionths of the base unit) and its value (fen), with the last positive state. */
export interface StockState {
  quantity: number;
  value: number;
  /** Quantity and value at the last moment both were positive, the cost of stock issued below zero. */
  lastCostQuantity: number;
  lastCostValue: number;
}

/** The item's standard cost, the estimate of last resort: `fen` per `microPerUnit` millionths. */
export interface StandardCost {
  fen: number;
  microPerUnit: number;
}

/** What one movement did to a balance. */
export interface Valuation {
  state: StockState;
  /** The change of the balance's value, fen: negative for an issue. */
  delta: number;
  /** The part of an inflow's nominal value that went to cost of goods sold instead of stock. */
  variance: number;
  /** True when the balance is below zero after the movement. */
  negative: boolean;
  /** True when some of the value was estimated because stock was missing. */
  estimated: boolean;
}

export const EMPTY_STATE: StockState = Object.freeze({ quantity: 0, value: 0, lastCostQuantity: 0, lastCostValue: 0 });

/** Take `quantity` (> 0) out of stock at moving-average cost. */
export function issue(state: StockState, quantity: number, standard?: StandardCost): Valuation {
  if (state.quantity >= quantity) {
    const value = quantity === state.quantity ? state.value : mulDivRound(state.value, quantity, state.quantity);
    return settle(state, -quantity, -value, 0, false);
  }

  const covered = Math.max(state.quantity, 0);
  const coveredValue = state.quantity > 0 ? state.value : 0;
  const estimate = estimateValue(state, quantity - covered, standard);
  return settle(state, -quantity, -(coveredValue + estimate), 0, true);
}

/**
 * Put `quantity` (> 0) into stock at `nominal` fen. Into a negative balance the inflow first
 * fills the hole: when the quantity comes back to exactly zero, or the value would turn
 * negative, the value is set to zero and the rest is the variance.
 */
export function receive(state: StockState, quantity: number, nominal: number): Valuation {
  const quantityAfter = state.quantity + quantity;
  const valueAfter = state.value + nominal;
  if (quantityAfter === 0 || (quantityAfter > 0 && valueAfter < 0)) {
    return settle(state, quantity, -state.value, nominal + state.value, false);
  }
  return settle(state, quantity, nominal, 0, false);
}

/**
 * Set the quantity to `counted` (≥ 0), as a stock count does. A loss is issued at moving-average
 * cost; a gain is valued at the current average cost, and a negative balance is first filled at
 * its own value, so a count never creates a variance.
 */
export function countTo(state: StockState, counted: number, standard?: StandardCost): Valuation {
  const difference = counted - state.quantity;
  if (difference === 0) return settle(state, 0, 0, 0, false);
  if (difference < 0) return issue(state, -difference, standard);

  const hole = state.quantity < 0 ? -state.value : 0;
  const positivePart = counted - Math.max(state.quantity, 0);
  const gain = positivePart > 0 ? estimateValue(state, positivePart, standard) : 0;
  return receive(state, difference, hole + gain);
}

/**
 * Estimate the value of `quantity` of the item: at the balance's average cost while it is
 * positive, else at the last positive average, else at the standard cost, else 0.
 */
export function estimateValue(state: StockState, quantity: number, standard?: StandardCost): number {
  if (state.quantity > 0 && state.value >= 0) return mulDivRound(state.value, quantity, state.quantity);
  if (state.lastCostQuantity > 0) return mulDivRound(state.lastCostValue, quantity, state.lastCostQuantity);
  if (standard && standard.microPerUnit > 0) return mulDivRound(standard.fen, quantity, standard.microPerUnit);
  return 0;
}

function settle(state: StockState, quantityChange: number, delta: number, variance: number, estimated: boolean): Valuation {
  const quantity = state.quantity + quantityChange;
  const value = state.value + delta;
  const keepsCost = quantity > 0 && value >= 0;
  return {
    state: {
      quantity,
      value,
      lastCostQuantity: keepsCost ? quantity : state.lastCostQuantity,
      lastCostValue: keepsCost ? value : state.lastCostValue,
    },
    delta,
    variance,
    negative: quantity < 0,
    estimated,
  };
}
