import type { components } from '@boh/sdk';
import type { Context } from '../../runtime/context.js';
import { displayZone, formatValue, toJson } from '../../output/format.js';
import { renderTable } from '../../output/table.js';
import { forPeople, stageName } from './format.js';

type Item = components['schemas']['ChecklistItem'];

export interface ChecklistOptions {
  stage?: string;
  tick?: string[];
  untick?: string[];
  note?: string;
  evidence?: string;
}

/** Tick and untick the named items, then print the checklist with what still blocks each move. */
export async function checklist(context: Context, code: string, options: ChecklistOptions): Promise<void> {
  const lifecycle = context.client().lifecycle;
  for (const key of options.tick ?? []) {
    await lifecycle.tick(code, key, { done: true, ...(options.note !== undefined ? { note: options.note } : {}), ...(options.evidence !== undefined ? { evidence_ref: options.evidence } : {}) });
    context.info(context.t('lifecycle.checklist.ticked', { code, key }));
  }
  for (const key of options.untick ?? []) {
    await lifecycle.tick(code, key, { done: false, ...(options.note !== undefined ? { note: options.note } : {}) });
    context.info(context.t('lifecycle.checklist.unticked', { code, key }));
  }

  const list = await lifecycle.checklist(code, options.stage as components['schemas']['LifecycleStage'] | undefined);
  if (context.json) {
    context.io.stdout.write(toJson(list));
    return;
  }

  context.info(context.t('lifecycle.checklist.heading', { code, stage: stageName(context, list.stage), since: list.started_on }));
  const zone = displayZone(context.io.stdout);
  const title = (item: Item) => (context.language === 'zh-CN' ? item.title['zh-CN'] : item.title.en);
  const mandatory = (item: Item) => {
    if (!item.mandatory) return formatValue(false, context.language);
    if (!item.mandatory_for) return formatValue(true, context.language);
    return context.t('lifecycle.checklist.mandatory_for', { stages: item.mandatory_for.map((stage) => context.t(`stage.${stage}`)) });
  };
  const columns = [
    { header: context.t('lifecycle.checklist.column.key'), value: (item: Item) => item.key },
    { header: context.t('lifecycle.checklist.column.item'), value: title },
    { header: context.t('lifecycle.checklist.column.mandatory'), value: mandatory },
    { header: context.t('lifecycle.checklist.column.done'), value: (item: Item) => formatValue(item.done, context.language) },
    { header: context.t('lifecycle.checklist.column.by'), value: (item: Item) => item.done_by ?? '' },
    { header: context.t('lifecycle.checklist.column.at'), value: (item: Item) => formatValue(item.done_at, context.language, zone) },
    { header: context.t('lifecycle.checklist.column.evidence'), value: (item: Item) => item.evidence_ref ?? '' },
    { header: context.t('lifecycle.checklist.column.note'), value: (item: Item) => item.note ?? '' },
  ];
  context.io.stdout.write(renderTable(list.items, columns, forPeople(context)));

  if (!list.current) {
    context.info(context.t('lifecycle.checklist.past', { date: list.ended_on }));
    return;
  }
  for (const block of list.blocking) {
    const stage = stageName(context, block.to_stage);
    context.info(
      block.open_items.length > 0
        ? context.t('lifecycle.checklist.blocking', { stage, count: block.open_items.length, items: block.open_items })
        : context.t('lifecycle.checklist.ready', { stage }),
    );
  }
}
