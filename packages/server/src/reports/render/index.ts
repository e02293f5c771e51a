// The report writers and the document they take. The report engine builds a ReportDocument and
// passes it to any of them; each checks it first and raises ReportDocumentError listing every problem.

export * from './document.js';
export { ReportDocumentError, type ReportIssue, validateReportDocument } from './validate.js';
export { ReportValueError } from './values/cell-value.js';
export { RENDER_LABELS } from './labels.js';
export { writeXlsx, type XlsxOptions } from './xlsx/write-xlsx.js';
export { XlsxValueError } from './xlsx/xlsx-cells.js';
export { writeCsvFiles, writeCsvSection } from './csv/write-csv.js';
export { REPORT_JSON_FORMAT, writeJson } from './json/write-json.js';
export { renderHtml, writeHtml, type HtmlOptions } from './html/render-html.js';
