import { BohNotFoundError, type components } from '@boh/sdk';
import type { Context } from '../../../runtime/context.js';
import { toJson } from '../../../output/format.js';
import { renderRecord } from '../../../output/table.js';
import { formatFen } from '../format.js';
import { attributeFields, type AttributeOptions } from './options.js';

type Attributes = components['schemas']['SiteAttributes'];
const FIELDS = ['rent_fen_per_m2_month', 'footfall_daily', 'nearby_population', 'competitors_500m', 'surveyed_on', 'source', 'note'] as const;

/**
 * Show a store's site attributes. With attribute options, change those and keep the others,
 * sending the version read so that a concurrent change is not overwritten.
 */
export async function siteAttributes(context: Context, code: string, options: AttributeOptions): Promise<void> {
  const sites = context.client().sites;
  const changes = attributeFields(context, options);
  let attributes: Attributes;

  if (Object.keys(changes).length > 0) {
    const current = await sites.attributes(code).catch((error: unknown) => {
      if (error instanceof BohNotFoundError) return undefined;
      throw error;
    });
    const unchanged = current ? Object.fromEntries(FIELDS.map((field) => [field, current[field]])) : {};
    attributes = await sites.setAttributes(code, { ...unchanged, ...changes }, { ifVersion: current?.version ?? 0 });
    context.info(context.t('site.attributes.saved', { code, version: attributes.version }));
  } else {
    attributes = await sites.attributes(code);
  }

  if (context.json) {
    context.io.stdout.write(toJson(attributes));
    return;
  }
  const rent = attributes.rent_fen_per_m2_month;
  context.io.stdout.write(
    renderRecord([
      [context.t('site.option.rent'), rent === null ? '' : formatFen(rent)],
      [context.t('site.option.footfall'), String(attributes.footfall_daily ?? '')],
      [context.t('site.option.population'), String(attributes.nearby_population ?? '')],
      [context.t('site.option.competitors'), String(attributes.competitors_500m ?? '')],
      [context.t('site.option.surveyed_on'), attributes.surveyed_on ?? ''],
      [context.t('site.option.source'), attributes.source ?? ''],
      [context.t('lifecycle.checklist.column.note'), attributes.note ?? ''],
    ]),
  );
}
