// The page's inline CSS. The font stack names the CJK fonts of Linux, macOS and Windows, so
// Chinese renders with whichever is installed and nothing is fetched.

export const FONT_STACK =
  '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", ' +
  '"Microsoft YaHei", "WenQuanYi Micro Hei", system-ui, -apple-system, "Segoe UI", Arial, sans-serif';

export const PAGE_STYLE = `
:root { color-scheme: light; --ink: #1f2933; --muted: #5f6b7a; --line: #d9dee5; --head: #eff1f5; --accent: #2563eb; --negative: #b42318; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1120px; padding: 32px 24px 48px; font-family: ${FONT_STACK}; color: var(--ink); background: #fff; font-size: 14px; line-height: 1.5; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 0 0 12px; padding-bottom: 6px; border-bottom: 2px solid var(--accent); }
.subtitle { color: var(--muted); margin: 0 0 16px; font-size: 16px; }
.cover dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0; }
.cover dt { color: var(--muted); }
.cover dd { margin: 0; }
.kpis { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 12px; margin: 24px 0; }
.kpi { border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; }
.kpi-label { color: var(--muted); font-size: 13px; }
.kpi-value { font-size: 24px; font-weight: 600; font-variant-numeric: tabular-nums; }
.kpi-value.missing { color: var(--muted); }
.kpi-note { color: var(--muted); font-size: 12px; margin-top: 4px; }
.notes { margin: 16px 0 24px; padding: 12px 16px; background: #f8fafc; border-left: 4px solid var(--line); }
.notes h2 { border: 0; font-size: 15px; margin: 0 0 6px; padding: 0; }
.notes ul { margin: 0; padding-left: 20px; }
.note-warning { color: #8a4b00; }
.report-section { margin-top: 36px; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(460px, 1fr)); gap: 16px; margin-bottom: 16px; }
.chart { width: 100%; height: auto; font-family: ${FONT_STACK}; font-size: 12px; fill: var(--ink); border: 1px solid var(--line); border-radius: 8px; background: #fff; }
.chart .chart-title { font-size: 15px; font-weight: 600; }
.chart .axis-title, .chart .chart-footnote, .chart .donut-label { fill: var(--muted); }
.chart .donut-total { font-size: 18px; font-weight: 600; }
.chart .grid-line { stroke: #e5e7eb; }
.chart .zero-line { stroke: #6b7280; }
.chart .chart-empty { fill: var(--muted); font-size: 14px; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { border-bottom: 1px solid var(--line); padding: 6px 10px; text-align: left; white-space: nowrap; }
thead th { background: var(--head); position: sticky; top: 0; }
td.num, th.num { text-align: right; }
td.negative { color: var(--negative); }
td.empty { color: var(--muted); }
tfoot td { font-weight: 600; border-top: 2px solid var(--ink); }
.notice { color: var(--muted); font-size: 13px; }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11px; }
  .report-section { break-before: page; margin-top: 0; }
  .kpis, .chart, tr { break-inside: avoid; }
  .charts { grid-template-columns: repeat(2, 1fr); }
  thead { display: table-header-group; }
  thead th { position: static; }
  .table-wrap { overflow: visible; }
  th, td { white-space: normal; padding: 3px 6px; }
}
`;
