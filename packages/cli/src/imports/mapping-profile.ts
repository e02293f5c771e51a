import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { fileErrorReason } from '../commands/masterdata/field-options.js';
import { t, type Language } from '../i18n/index.js';
import { zodError } from '../i18n/zod-locale.js';
import { UsageError } from '../runtime/errors.js';
import { JsonTextError, parseJsonText } from '../runtime/json-text.js';

// Mapping profiles: JSON files that describe a foreign layout as target field → source column
// with transforms. `templates/imports/README.md` is the format's reference.

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

const regexText = z.string().refine(
  (source) => {
    try {
      new RegExp(source, 'u');
      return true;
    } catch {
      return false;
    }
  },
  zodError('import.profile.regex_invalid'),
);

const DATE_FORMATS = ['YYYY-MM-DD', 'YYYY/MM/DD', 'DD/MM/YYYY', 'MM/DD/YYYY', 'DD.MM.YYYY', 'DD-MM-YYYY', 'MM-DD-YYYY', 'YY/MM/DD', 'DD/MM/YY', 'MM/DD/YY'] as const;

/** A value read from another file: its `value` column on the row whose `key` column equals the text. */
const lookupSchema = z
  .object({
    file: z.string().min(1),
    key: z.string().min(1),
    value: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
    encoding: z.string().optional(),
    sheet: z.string().optional(),
  })
  .strict();

/** The source of one field: its columns, its transforms and its unit. */
export const fieldSourceSchema = z
  .object({
    column: z.string().min(1).optional(),
    columns: z.array(z.string().min(1)).min(1).optional(),
    join: z.string().optional(),
    constant: scalar.optional(),
    /** The row's line number as text, for files whose rows have no id of their own. */
    line: z.literal(true).optional(),
    default: scalar.optional(),
    split: z.object({ separator: z.string().min(1), index: z.number().int() }).strict().optional(),
    regex: z.object({ pattern: regexText, replace: z.string().default('$1') }).strict().optional(),
    map: z.record(z.string(), scalar).optional(),
    prefix: z.string().optional(),
    suffix: z.string().optional(),
    slug: z.boolean().optional(),
    unit: z.enum(['fen', 'yuan']).optional(),
    date_format: z.enum(DATE_FORMATS).optional(),
    date_order: z.enum(['DMY', 'MDY', 'YMD']).optional(),
    lookup: lookupSchema.optional(),
  })
  .strict()
  .refine((source) => [source.column, source.columns, source.constant, source.line].filter((part) => part !== undefined).length === 1, zodError('import.profile.one_source'));

export type FieldSource = z.infer<typeof fieldSourceSchema>;

export const profileSchema = z
  .object({
    resource: z.string().min(1),
    description: z.string().optional(),
    read: z
      .object({
        encoding: z.string().optional(),
        delimiter: z.string().optional(),
        sheet: z.string().optional(),
        header_line: z.number().int().min(1).optional(),
        time_zone: z.string().optional(),
      })
      .strict()
      .optional(),
    filter: z
      .array(
        z
          .object({ column: z.string().min(1), lookup: lookupSchema.optional(), equals: z.array(z.string()).optional(), not_equals: z.array(z.string()).optional() })
          .strict(),
      )
      .optional(),
    fields: z.record(z.string(), z.union([z.string().min(1), fieldSourceSchema])),
    ignore: z.array(z.string()).optional(),
  })
  .strict();

export type MappingProfile = z.infer<typeof profileSchema> & { /** The profile file's folder, for lookup files. */ folder: string };

/** Read and check a profile; a wrong key or value fails with the file and the path of the problem. */
export function loadProfile(path: string, language: Language): MappingProfile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError('error.read_file', { file: path, reason: fileErrorReason(error) });
  }
  let json: unknown;
  try {
    json = parseJsonText(text);
  } catch (error) {
    if (!(error instanceof JsonTextError)) throw error;
    throw new UsageError('import.error.profile_invalid', { file: path, problems: error.reason });
  }
  const parsed = profileSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => t(language, 'import.profile.problem', { path: issue.path.join('.') || t(language, 'import.profile.root'), problem: issue.message }));
    throw new UsageError('import.error.profile_invalid', { file: path, problems: problems.join(language === 'zh-CN' ? '；' : '; ') });
  }
  return { ...parsed.data, folder: dirname(path) };
}

/** List the field sources of a profile, with the shorthand `"field": "Column"` expanded. */
export function profileSources(profile: MappingProfile): Map<string, FieldSource> {
  const sources = new Map<string, FieldSource>();
  for (const [field, source] of Object.entries(profile.fields)) sources.set(field, typeof source === 'string' ? { column: source } : source);
  return sources;
}

/** Return the date order that a `date_format` or `date_order` declares. */
export function declaredOrder(source: FieldSource): 'DMY' | 'MDY' | 'YMD' | undefined {
  if (source.date_order) return source.date_order;
  const format = source.date_format;
  if (!format || format.startsWith('YYYY')) return undefined;
  if (format.startsWith('DD')) return 'DMY';
  if (format.startsWith('MM')) return 'MDY';
  return 'YMD';
}
