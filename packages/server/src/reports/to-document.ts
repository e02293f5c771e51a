// Turns a stored run into the ReportDocument the writers take, in one language.

import type { ReportDocument, ReportLanguage, ReportSection } from './render/document.js';
import type { RunColumn, RunResult } from './engine/run-result.js';

const column = (c: RunColumn) => ({ key: c.key, label: c.label, type: c.type, ...(c.fraction_digits !== undefined ? { fractionDigits: c.fraction_digits } : {}) });

export function runDocument(run: RunResult, language: ReportLanguage): ReportDocument {
  const sections: ReportSection[] = run.sections.map((section) => ({
    key: section.key,
    name: section.title,
    columns: section.columns.map(column),
    rows: section.rows,
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
