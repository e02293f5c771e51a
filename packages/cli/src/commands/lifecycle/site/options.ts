import type { components } from '@boh/sdk';
import type { Context } from '../../../runtime/context.js';
import { UsageError } from '../../../runtime/errors.js';
import { dateOption } from '../../finance-options.js';
import { yuanToFen } from '../budget.js';

type AttributeFields = components['schemas']['SiteAttributeFields'];

/** The attribute options of `boh site add` and `boh site attributes`, as commander stores them. */
export interface AttributeOptions {
  rent?: string;
  footfall?: string;
  population?: string;
  competitors?: string;
  surveyedOn?: string;
  source?: string;
  note?: string;
}

function wholeNumber(option: string, text: string): number {
  if (!/^\d+$/.test(text.trim())) throw new UsageError('error.invalid_integer', { option, value: text });
  return Number(text);
}

/** Collect the attribute fields given as options. Rent is in yuan on the command line and in fen in the API. */
export function attributeFields(context: Context, options: AttributeOptions): AttributeFields {
  const fields: AttributeFields = {};
  if (options.rent !== undefined) fields.rent_fen_per_m2_month = yuanToFen(context, '--rent', options.rent);
  if (options.footfall !== undefined) fields.footfall_daily = wholeNumber('--footfall', options.footfall);
  if (options.population !== undefined) fields.nearby_population = wholeNumber('--population', options.population);
  if (options.competitors !== undefined) fields.competitors_500m = wholeNumber('--competitors', options.competitors);
  if (options.surveyedOn !== undefined) fields.surveyed_on = dateOption(context, '--surveyed-on', options.surveyedOn);
  if (options.source !== undefined) fields.source = options.source;
  if (options.note !== undefined) fields.note = options.note;
  return fields;
}

export function numberOption(option: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) throw new UsageError('error.invalid_number', { option, value: text });
  return value;
}
