import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { chunks } from '../ledger/journal.js';
import { toExact } from '../masterdata/decimal.js';
import { divRoundBig, gcd, mulDivRound } from '../math/integer.js';

// Recipes expanded to what one portion of a menu item takes from stock, as exact fractions of
// base units. One batch of a recipe yields `recipe_yield` portions and takes, of each component,
// quantity ÷ (1 − loss_rate); a sub-recipe (a menu item inside another) is expanded the same
// way, in portions. Rounding happens once, when a line's quantity is applied.

/** base units = numerator ÷ denominator, per portion. */
export interface Fraction {
  numerator: bigint;
  denominator: bigint;
  /** The same as numbers, when both are safe integers, for the fast path of consumeMicro. */
  small?: [number, number];
}

export interface MenuItemInfo {
  code: string;
  name: string;
  taxCategory: string;
  yield: number;
}

/** The quantity of each item one portion takes. */
export type Expansion = ReadonlyMap<string, Fraction>;

// Nested recipes deeper than this are refused; master data already rejects cycles.
const MAX_DEPTH = 32;

interface ComponentRow {
  component_type: string;
  component_code: string;
  base_quantity: number;
  loss_rate: number;
}

/** The menu items of a posting with their recipes, read in a few queries and expanded once each. */
export class RecipeBook {
  readonly #menuItems = new Map<string, MenuItemInfo>();
  readonly #components = new Map<string, ComponentRow[]>();
  readonly #expansions = new Map<string, Expansion>();

  /** Read the menu items with these codes, their recipes and, level by level, their sub-recipes. */
  static async load(db: Kysely<Database>, codes: Iterable<string>): Promise<RecipeBook> {
    const book = new RecipeBook();
    let frontier = [...new Set(codes)];
    for (let depth = 0; frontier.length > 0 && depth <= MAX_DEPTH; depth++) {
      const next = new Set<string>();
      for (const chunk of chunks(frontier, 5000)) {
        const items = await db.selectFrom('menu_items').select(['code', 'name', 'tax_category', 'recipe_yield']).where('code', 'in', chunk).execute();
        for (const row of items) {
          book.#menuItems.set(row.code, { code: row.code, name: row.name, taxCategory: row.tax_category, yield: row.recipe_yield });
        }
        const components = await db
          .selectFrom('menu_item_components')
          .select(['menu_item_code', 'component_type', 'component_code', 'base_quantity', 'loss_rate'])
          .where('menu_item_code', 'in', chunk)
          .orderBy('menu_item_code')
          .orderBy('position')
          .execute();
        for (const row of components) {
          const list = book.#components.get(row.menu_item_code) ?? [];
          list.push(row);
          book.#components.set(row.menu_item_code, list);
          if (row.component_type === 'menu_item' && !book.#menuItems.has(row.component_code)) next.add(row.component_code);
        }
      }
      frontier = [...next].filter((code) => !book.#menuItems.has(code));
    }
    return book;
  }

  menuItem(code: string): MenuItemInfo | undefined {
    return this.#menuItems.get(code);
  }

  /** List every item code any loaded recipe uses, directly or through sub-recipes. */
  itemCodes(): Set<string> {
    const codes = new Set<string>();
    for (const list of this.#components.values()) {
      for (const row of list) if (row.component_type === 'item') codes.add(row.component_code);
    }
    return codes;
  }

  /** Expand the menu item's recipe to the quantity of each item one portion takes. */
  expand(code: string, depth = 0): Expansion {
    const cached = this.#expansions.get(code);
    if (cached) return cached;
    if (depth > MAX_DEPTH) throw new Error(`The recipe of ${code} nests more than ${MAX_DEPTH} sub-recipes deep`);
    const menuItem = this.#menuItems.get(code);
    if (!menuItem) throw new Error(`Menu item ${code} was not loaded for this posting`);

    const totals = new Map<string, Fraction>();
    const perYield = fractionOf(menuItem.yield);
    for (const row of this.#components.get(code) ?? []) {
      const loss = fractionOf(row.loss_rate);
      // quantity ÷ (1 − loss) ÷ yield
      const perPortion = divide(divide(fractionOf(row.base_quantity), subtractFromOne(loss)), perYield);
      if (row.component_type === 'item') {
        add(totals, row.component_code, perPortion);
      } else {
        for (const [item, fraction] of this.expand(row.component_code, depth + 1)) add(totals, item, multiply(perPortion, fraction));
      }
    }
    this.#expansions.set(code, totals);
    return totals;
  }
}

/** Compute the millionths of base units that `quantityMicro` portions take, rounded half-up. */
export function consumeMicro(quantityMicro: number, perPortion: Fraction): number {
  if (perPortion.small) return mulDivRound(quantityMicro, perPortion.small[0], perPortion.small[1]);
  return Number(divRoundBig(BigInt(quantityMicro) * perPortion.numerator, perPortion.denominator));
}

function fractionOf(value: number): Fraction {
  const exact = toExact(value);
  return reduce({ numerator: exact.digits, denominator: 10n ** BigInt(exact.scale) });
}

function subtractFromOne(value: Fraction): Fraction {
  return reduce({ numerator: value.denominator - value.numerator, denominator: value.denominator });
}

function multiply(a: Fraction, b: Fraction): Fraction {
  return reduce({ numerator: a.numerator * b.numerator, denominator: a.denominator * b.denominator });
}

function divide(a: Fraction, b: Fraction): Fraction {
  return reduce({ numerator: a.numerator * b.denominator, denominator: a.denominator * b.numerator });
}

function add(totals: Map<string, Fraction>, item: string, value: Fraction): void {
  const current = totals.get(item);
  totals.set(item, current ? reduce({ numerator: current.numerator * value.denominator + value.numerator * current.denominator, denominator: current.denominator * value.denominator }) : value);
}

function reduce(value: Fraction): Fraction {
  const divisor = gcd(value.numerator, value.denominator);
  const numerator = divisor > 1n ? value.numerator / divisor : value.numerator;
  const denominator = divisor > 1n ? value.denominator / divisor : value.denominator;
  const safe = (n: bigint) => n <= BigInt(Number.MAX_SAFE_INTEGER);
  return { numerator, denominator, ...(safe(numerator) && safe(denominator) ? { small: [Number(numerator), Number(denominator)] as [number, number] } : {}) };
}
