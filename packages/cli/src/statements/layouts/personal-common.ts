// Shared parts of the account-holder bills (个人账单): the 收/支 column and the totals per
// flow that their preambles state (`共43笔记录`, `收入：1笔 0.35元`, …).

import type { StatementBuilder } from '../builder.js';
import type { FlowLabel, StatedFacts } from '../preamble.js';
import { RowProblem, type RowFields } from '../row-fields.js';
import type { Flow } from '../types.js';

/** Reads the 收/支 column: 收入 is in, 支出 out, `/`, 不计收支 and 中性交易 neutral. */
export function readFlowLabel(fields: RowFields, field: string): { flow: Flow; label: FlowLabel } {
  const text = fields.text(field);
  if (text === undefined || text === '中性交易') return { flow: 'neutral', label: '中性交易' };
  if (text === '不计收支') return { flow: 'neutral', label: '不计收支' };
  if (text === '收入') return { flow: 'in', label: '收入' };
  if (text === '支出') return { flow: 'out', label: '支出' };
  throw new RowProblem('unknown-flow-label', { column: fields.columnName(field), value: text }, 'flagged');
}

/** Counts and sums rows per flow label, as the bill's own totals do. */
export class FlowTally {
  private readonly totals = new Map<FlowLabel, { count: number; fen: number }>();

  add(label: FlowLabel, fen: number): void {
    const total = this.totals.get(label) ?? { count: 0, fen: 0 };
    this.totals.set(label, { count: total.count + 1, fen: total.fen + fen });
  }

  /** Compares the preamble's record count and per-flow totals with the rows. */
  check(out: StatementBuilder, facts: StatedFacts, processed: number): void {
    if (facts.count !== undefined) out.check('count', 'count', facts.count.value, processed, facts.count.line);
    for (const stated of facts.flows) {
      // The two neutral labels name the same thing in different bills.
      const computed = stated.label === '中性交易' || stated.label === '不计收支' ? this.neutral() : this.totals.get(stated.label);
      const label = flowItem(stated.label);
      out.check(`${label}.count`, 'count', stated.count, computed?.count ?? 0, stated.line);
      out.check(`${label}.amount`, 'fen', stated.fen, computed?.fen ?? 0, stated.line);
    }
  }

  private neutral(): { count: number; fen: number } {
    const a = this.totals.get('中性交易') ?? { count: 0, fen: 0 };
    const b = this.totals.get('不计收支') ?? { count: 0, fen: 0 };
    return { count: a.count + b.count, fen: a.fen + b.fen };
  }
}

function flowItem(label: FlowLabel): string {
  if (label === '收入') return 'in';
  if (label === '支出') return 'out';
  return 'neutral';
}
