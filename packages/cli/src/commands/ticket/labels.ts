import type { Context } from '../../runtime/context.js';

type LabelKind = 'status' | 'priority' | 'event' | 'field';

/** Returns the label of a ticket status, priority, timeline event or field; the value itself when unknown. */
export function ticketLabel(context: Context, kind: LabelKind, value: string): string {
  const key = `ticket.${kind}.${value}`;
  const label = context.t(key);
  return label === key ? value : label;
}
