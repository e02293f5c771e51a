import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isRole } from '../auth/roles.js';
import { ALLOWED_TRANSITIONS, isStage, type Stage } from './stages.js';

/** One item of a stage's checklist template. */
export interface ChecklistTemplateItem {
  key: string;
  title: { en: string; 'zh-CN': string };
  mandatory: boolean;
  /** The moves for which a mandatory item must be done; every move out of the stage when absent. */
  mandatory_for: Stage[] | null;
  /** Roles that may tick the item besides admin. */
  roles: string[];
  evidence_required: boolean;
}

export interface ChecklistTemplate {
  stage: Stage;
  title: { en: string; 'zh-CN': string };
  items: ChecklistTemplateItem[];
}

const KEY = /^[a-z][a-z0-9_]{0,59}$/;

/**
 * Return the folder of the checklist templates: `$BOH_TEMPLATES_DIR/lifecycle`, else `templates/lifecycle`
 * at the root of the repository. A chain adapts its checklists by pointing BOH_TEMPLATES_DIR at a
 * copy of the templates folder.
 */
export function lifecycleTemplatesDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.BOH_TEMPLATES_DIR) return join(env.BOH_TEMPLATES_DIR, 'lifecycle');
  return fileURLToPath(new URL('../../../../templates/lifecycle/', import.meta.url));
}

let cache: { dir: string; templates: Map<Stage, ChecklistTemplate> } | undefined;

/**
 * Return the checklist template of a stage. A stage without a file (closed, rejected) has no items.
 * Templates are read once per folder and checked as a whole, so a broken file fails the first
 * request that needs it with an error naming the file and the field.
 */
export function checklistTemplate(stage: Stage): ChecklistTemplate {
  const dir = lifecycleTemplatesDir();
  if (!cache || cache.dir !== dir) cache = { dir, templates: loadTemplates(dir) };
  return cache.templates.get(stage) ?? { stage, title: { en: stage, 'zh-CN': stage }, items: [] };
}

/** Read and check every template in `dir`. */
export function loadTemplates(dir: string): Map<Stage, ChecklistTemplate> {
  const templates = new Map<Stage, ChecklistTemplate>();
  for (const stage of Object.keys(ALLOWED_TRANSITIONS) as Stage[]) {
    const file = join(dir, `${stage}.json`);
    if (!existsSync(file)) continue;
    templates.set(stage, parseTemplate(JSON.parse(readFileSync(file, 'utf8')) as unknown, file, stage));
  }
  return templates;
}

/** Check one template's structure; throws an Error naming the file and the offending field. */
export function parseTemplate(value: unknown, file: string, stage: Stage): ChecklistTemplate {
  const fail = (path: string, problem: string): never => {
    throw new Error(`Checklist template ${file}: ${path} ${problem}.`);
  };
  const template = value as Partial<ChecklistTemplate>;
  if (template.stage !== stage) fail('stage', `must be "${stage}", the name of the file`);
  checkText(template.title, 'title', fail);
  if (!Array.isArray(template.items)) fail('items', 'must be an array');

  const keys = new Set<string>();
  const items = template.items!.map((raw, index): ChecklistTemplateItem => {
    const path = `items[${index}]`;
    const item = raw as Partial<ChecklistTemplateItem>;
    if (typeof item.key !== 'string' || !KEY.test(item.key)) fail(`${path}.key`, 'must be lower-case letters, digits and "_", starting with a letter');
    if (keys.has(item.key!)) fail(`${path}.key`, `"${item.key}" is used twice`);
    keys.add(item.key!);
    checkText(item.title, `${path}.title`, fail);
    if (typeof item.mandatory !== 'boolean') fail(`${path}.mandatory`, 'must be true or false');
    if (!Array.isArray(item.roles) || !item.roles.every((role) => typeof role === 'string' && isRole(role))) {
      fail(`${path}.roles`, 'must be a list of roles (admin, finance, ops, store_manager, technician, readonly)');
    }
    const mandatoryFor = item.mandatory_for ?? null;
    if (mandatoryFor !== null) {
      const allowed = ALLOWED_TRANSITIONS[stage];
      if (!Array.isArray(mandatoryFor) || !mandatoryFor.every((target) => isStage(target) && allowed.includes(target))) {
        fail(`${path}.mandatory_for`, `must list stages this stage may move to (${allowed.join(', ')})`);
      }
    }
    return {
      key: item.key!,
      title: item.title!,
      mandatory: item.mandatory!,
      mandatory_for: mandatoryFor,
      roles: item.roles!,
      evidence_required: item.evidence_required ?? false,
    };
  });
  return { stage, title: template.title!, items };
}

function checkText(value: unknown, path: string, fail: (path: string, problem: string) => never): void {
  const text = value as { en?: unknown; 'zh-CN'?: unknown } | undefined;
  if (typeof text?.en !== 'string' || text.en === '' || typeof text['zh-CN'] !== 'string' || text['zh-CN'] === '') {
    fail(path, 'must have non-empty "en" and "zh-CN" texts');
  }
}
