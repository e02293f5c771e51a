import type { LineRecord, PosRecord } from './records.js';
import type { ItemState, ReasonCode, RuleName } from './states.js';

/** A nearby record on the other side, offered for an unmatched one. */
export interface Candidate {
  readonly key: string;
  readonly amountFen: number;
  readonly at: string | null;
  /** The candidate's amount minus the unmatched record's. */
  readonly differenceFen: number;
  readonly seconds: number | null;
}

/** The outcome for a group of POS records and statement lines: one state for all of them. */
export interface MatchItem {
  state: ItemState;
  reason: ReasonCode;
  rule: RuleName | null;
  /** 100 for a match on ids; less the further apart in time a match on amount was. */
  score: number;
  pos: PosRecord[];
  lines: LineRecord[];
  /** Lines minus POS, signed like the money (refunds negative). */
  differenceFen: number;
  candidates: Candidate[];
}

/** The signed amount of a record: refunds count against payments. */
export function signed(record: { kind: string; amountFen: number }): number {
  return record.kind === 'refund' ? -record.amountFen : record.amountFen;
}

export function sumSigned(records: readonly { kind: string; amountFen: number }[]): number {
  let total = 0;
  for (const record of records) total += signed(record);
  return total;
}
