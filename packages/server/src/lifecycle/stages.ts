import type { components } from '@boh/sdk/types';

export type Stage = components['schemas']['LifecycleStage'];

export const STAGES: readonly Stage[] = [
  'site_selection', 'construction', 'pre_opening', 'operating', 'renovating', 'closing', 'closed', 'rejected',
];

/**
 * The moves a store may make from each stage. A candidate site is approved (construction) or
 * rejected; an operating store may renovate and come back, or close; a renovation may also end
 * in closing. closed and rejected are final.
 */
export const ALLOWED_TRANSITIONS: Readonly<Record<Stage, readonly Stage[]>> = {
  site_selection: ['construction', 'rejected'],
  construction: ['pre_opening'],
  pre_opening: ['operating'],
  operating: ['renovating', 'closing'],
  renovating: ['operating', 'closing'],
  closing: ['closed'],
  closed: [],
  rejected: [],
};

/**
 * Roles that may move a store although mandatory checklist items are open. Only admin: the ops
 * role runs the moves and ticks the lists, so letting it also waive them would leave no second
 * pair of eyes on a skipped licence or an unsettled landlord.
 */
export const OVERRIDE_ROLES: readonly string[] = ['admin'];

/** Stages of stores that trade or will trade soon: the stores a new site competes with. */
export const OWN_STORE_STAGES: readonly Stage[] = ['construction', 'pre_opening', 'operating', 'renovating'];

export function isStage(value: string): value is Stage {
  return (STAGES as readonly string[]).includes(value);
}

export function allowedFrom(stage: string): readonly Stage[] {
  return isStage(stage) ? ALLOWED_TRANSITIONS[stage] : [];
}

/** Name a stage as a nested message, read as 运营（operating） or operating (operating). */
export function stageLabel(stage: string): { messageKey: string } {
  return { messageKey: isStage(stage) ? `stage.${stage}` : 'stage.none' };
}

/** Name several stages, joined in the reader's language, or "none" for an empty list. */
export function stageLabels(stages: readonly string[]): { messageKey: string }[] {
  return stages.length > 0 ? stages.map(stageLabel) : [{ messageKey: 'stage.none' }];
}
