// Turns a stored run into the ReportDocument the writers take, in one language.

import type { ReportDocument, ReportLanguage, ReportSection } from './render/document.js';
import type { RunColumn, RunResult } from './engine/run-result.js';
import { valueLabel } from './value-labels.js';

// Columns of the dimensions whose values are codes of a fixed list; the document shows their labels.
const ENUMERATED_COLUMNS = new Set(['channel', 'method', 'kind', 'role', 'category', 'priority', 'status', 'state']);

const column = (c: RunColumn) => ({ key: c.key, label: c.label, type: c.type, ...(c.fraction_digits !== undefined ? { fractionDigits: c.fraction_digits } : {}) });

export function runDocument(run: RunResult, language: ReportLanguage): ReportDocument {
  const sections: ReportSection[] = run.sections.map((section) => ({
    key: section.key,
    name: section.title,
    columns: section.columns.map(column),
    rows: labelledRows(section.rows, section.columns, language),
    ...(section.totals ? { totals: section.totals } : {}),
    charts: section.charts.map((chart) => ({ kind: chart.kind, title: chart.title, categoryColumn: chart.category, seriesColumns: chart.series })),
    notes: section.notes,
  }));
  const compared = run.compared_period;
  return {
    title: run.title,
    ...(compared
      ? { subtitle: { en: `Compared with ${compared.from} to ${compared.to}`, 'zh-CN': `对比期间：${compared.from} 至 ${compared.to}` } }
      : {}),
    language,
    parameters: { period: run.period, stores: run.stores, generatedAt: run.generated_at, generatedBy: run.generated_by },
    kpis: run.kpis.map((kpi) => ({ ...column(kpi), value: kpi.value })),
    sections,
    notes: run.notes,
  };
}

/** Replace the codes in enumerated columns by their labels; the run itself keeps the codes. */
function labelledRows(rows: RunResult['sections'][number]['rows'], columns: readonly RunColumn[], language: ReportLanguage): RunResult['sections'][number]['rows'] {
  const keys = columns.filter((c) => c.type === 'text' && ENUMERATED_COLUMNS.has(c.key)).map((c) => c.key);
  if (keys.length === 0) return rows;
  return rows.map((row) => {
    const labelled = { ...row };
    for (const key of keys) {
      const value = labelled[key];
      if (typeof value === 'string') labelled[key] = valueLabel(value, language);
    }
    return labelled;
  });
}
