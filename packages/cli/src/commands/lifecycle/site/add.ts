import type { Context } from '../../../runtime/context.js';
import { toJson } from '../../../output/format.js';
import { attributeFields, numberOption, type AttributeOptions } from './options.js';

export interface AddOptions extends AttributeOptions {
  name: string;
  city?: string;
  address?: string;
  latitude?: string;
  longitude?: string;
  area?: string;
}

/** Add a candidate site with its attributes in one request. */
export async function addSite(context: Context, code: string, options: AddOptions): Promise<void> {
  const site = await context.client().sites.create({
    code,
    name: options.name,
    city: options.city ?? null,
    address: options.address ?? null,
    latitude: numberOption('--latitude', options.latitude) ?? null,
    longitude: numberOption('--longitude', options.longitude) ?? null,
    area_m2: numberOption('--area', options.area) ?? null,
    ...attributeFields(context, options),
  });
  if (context.json) context.io.stdout.write(toJson(site));
  else context.info(context.t('site.added', { code }));
}
