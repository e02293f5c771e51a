import ExcelJS from 'exceljs';
import { resourceLayout, type FieldSpec } from '../../imports/field-spec.js';
import { importableResource } from '../../imports/resources.js';
import { loadTemplate } from '../../resources/templates.js';
import type { Context } from '../../runtime/context.js';
import { toJson } from '../../output/format.js';
import { UsageError } from '../../runtime/errors.js';

const VALIDATED_ROWS = 5000;

/**
 * Write a blank import template. It has the header row in the user's language, one example row,
 * a note on each header cell with the column's type and format, and dropdowns for enumerated and
 * yes/no fields. Code columns are formatted as text, so Excel keeps their leading zeros.
 */
export async function writeTemplate(context: Context, resourceName: string, options: { output?: string }): Promise<void> {
  const name = importableResource(resourceName);
  const template = loadTemplate(name);
  const layout = resourceLayout(template, template.create_schema);
  const specs = [...layout.fields.filter((spec) => !spec.readOnly), ...(layout.children?.fields ?? [])];
  const output = options.output ?? `${name}-template.xlsx`;
  if (!/\.xlsx$/i.test(output)) {
    throw new UsageError('template.error.not_xlsx', { file: output, suggestion: `${output.replace(/\.[^./\\]*$/, '')}.xlsx` });
  }
  const { language } = context;

  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(template.title[language].slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = specs.map((spec) => ({ width: Math.max(12, spec.label[language].length * 2 + 4), ...(spec.kind === 'code' ? { style: { numFmt: '@' } } : {}) }));

  const header = sheet.addRow(specs.map((spec) => spec.label[language]));
  header.font = { bold: true };
  specs.forEach((spec, index) => {
    const cell = header.getCell(index + 1);
    cell.note = noteFor(context, spec);
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: spec.required ? 'FFFFE699' : 'FFEFF1F5' } };
  });
  sheet.addRow(specs.map((spec) => exampleValue(context, spec)));

  specs.forEach((spec, index) => {
    const choices = choicesOf(context, spec);
    if (!choices) return;
    const letter = sheet.getColumn(index + 1).letter;
    for (let row = 2; row <= VALIDATED_ROWS; row += 1) {
      sheet.getCell(`${letter}${row}`).dataValidation = {
        type: 'list',
        allowBlank: !spec.required,
        formulae: [`"${choices.join(',')}"`],
        showErrorMessage: true,
        errorTitle: spec.label[language],
        error: context.t('template.note.enum', { values: choices.join(', ') }),
      };
    }
  });

  await workbook.xlsx.writeFile(output);
  if (context.json) context.io.stdout.write(toJson({ resource: name, file: output, columns: specs.map((spec) => spec.field) }));
  else context.info(context.t('template.done', { title: template.title[language], file: output }));
}

function typeKey(spec: FieldSpec): string {
  if (spec.kind === 'money') return spec.unit === 'yuan' ? 'template.type.money_yuan' : 'template.type.money_fen';
  return `template.type.${spec.kind}`;
}

function noteFor(context: Context, spec: FieldSpec): string {
  const lines = [
    context.t('template.note.type', { type: context.t(typeKey(spec), { example: listExample(spec) }) }),
    context.t(spec.required ? 'template.note.required' : 'template.note.optional'),
  ];
  const choices = choicesOf(context, spec);
  if (choices) lines.push(context.t('template.note.enum', { values: choices.join(', ') }));
  if (spec.note) lines.push(spec.note[context.language]);
  return lines.join('\n');
}

function choicesOf(context: Context, spec: FieldSpec): string[] | undefined {
  if (spec.enum && spec.enum.length > 0) return spec.enum;
  if (spec.kind === 'boolean') return [context.t('value.true'), context.t('value.false')];
  return undefined;
}

function listExample(spec: FieldSpec): string {
  if (!spec.listKeys || !Array.isArray(spec.example)) return '[]';
  const [name, number] = spec.listKeys;
  return (spec.example as Record<string, unknown>[]).map((item) => `${String(item[name])}=${String(item[number])}`).join(';');
}

function exampleValue(context: Context, spec: FieldSpec): string | number | null {
  const example = spec.example;
  if (example === null || example === undefined) return null;
  if (typeof example === 'boolean') return context.t(example ? 'value.true' : 'value.false');
  if (Array.isArray(example)) return spec.listKeys ? listExample(spec) : JSON.stringify(example);
  if (typeof example === 'number') return example;
  return String(example);
}
