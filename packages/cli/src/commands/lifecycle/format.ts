import type { Context } from '../../runtime/context.js';

export const STAGES = ['site_selection', 'construction', 'pre_opening', 'operating', 'renovating', 'closing', 'closed', 'rejected'] as const;
export type Stage = (typeof STAGES)[number];

export const CATEGORIES = [
  'design', 'fit_out', 'equipment', 'furniture', 'signage', 'licences', 'rent_deposit', 'recruitment_training', 'opening_marketing', 'other',
] as const;

/** Name a stage as people read it: 运营 (operating) or Operating (operating). */
export function stageName(context: Context, stage: string | null): string {
  if (!stage) return '-';
  return `${context.t(`stage.${stage}`)} (${stage})`;
}

/** Fen as yuan with thousands separators: 123456 → ¥1,234.56, −500 → −¥5.00. */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const absolute = Math.abs(Math.round(fen));
  const yuan = Math.floor(absolute / 100).toLocaleString('en-US');
  return `${sign}¥${yuan}.${String(absolute % 100).padStart(2, '0')}`;
}

/** Return true when tables are for people (a terminal) rather than for pipes. */
export function forPeople(context: Context): boolean {
  return Boolean(context.io.stdout.isTTY);
}
