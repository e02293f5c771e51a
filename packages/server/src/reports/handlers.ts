// The report operations: the catalogue, report runs and their output files.

import { ApiError, validationError } from '../http/api-error.js';
import type { Handler } from '../http/handler.js';
import { reportDefinitions } from './definitions/load.js';
import { CONTENT_TYPES, renderRunOutput } from './render-output.js';
import { createRun, loadRun, outputFileName, runToApi } from './run-service.js';
import { recordFootfallCounts } from './footfall.js';
import { recordLabourHours } from './labour-hours.js';

const listReports: Handler<'listReports'> = async (c) => {
  const data = [...reportDefinitions().values()].map((definition) => ({
    name: definition.report,
    title: definition.title[c.language],
    description: definition.description[c.language],
    sections: definition.sections.map((section) => ({ key: section.key, title: section.title[c.language] })),
  }));
  return { status: 200, body: { data, next_cursor: null } };
};

const createReportRun: Handler<'createReportRun'> = async (c) => {
  const body = c.body;
  // A store manager sees the stores of the token only, so the run must name one of them.
  if (c.principal.role === 'store_manager' && (body.store_code === undefined || !c.principal.storeCodes.includes(body.store_code))) {
    if (body.store_code === undefined) throw new ApiError(403, 'report_scope_required', { allowed: c.principal.storeCodes });
    throw new ApiError(403, 'store_out_of_scope', { allowed: c.principal.storeCodes, store_code: body.store_code });
  }
  const { id, result } = await createRun(
    { db: c.db, dialect: c.database.dialect, now: c.now(), generatedBy: c.principal.name },
    {
      report: body.report,
      period: body.period,
      ...(body.store_code !== undefined ? { store_code: body.store_code } : {}),
      ...(body.region_code !== undefined ? { region_code: body.region_code } : {}),
      ...(body.brand !== undefined ? { brand: body.brand } : {}),
      ...(body.compare !== undefined ? { compare: body.compare } : {}),
    },
  );
  return { status: 201, body: runToApi(id, result, c.language), headers: { location: `/report-runs/${id}` } };
};

const getReportRun: Handler<'getReportRun'> = async (c) => {
  const run = await loadRun(c.db, c.params.id);
  checkRunScope(c.principal, run.params.store_code);
  return { status: 200, body: runToApi(c.params.id, run, c.language) };
};

const getReportRunOutput: Handler<'getReportRunOutput'> = async (c) => {
  const run = await loadRun(c.db, c.params.id);
  checkRunScope(c.principal, run.params.store_code);
  const format = c.query.format;
  const section = c.query.section;
  if (section !== undefined && !run.sections.some((s) => s.key === section)) {
    const allowed = run.sections.map((s) => s.key).join(', ');
    throw validationError([{ field: 'query.section', code: 'unknown_section', params: { value: section, report: run.report, allowed }, value: section }]);
  }

  const bytes = await renderRunOutput(run, format, c.language, section);
  const name = outputFileName(run, format, format === 'csv' ? (section ?? run.sections[0]!.key) : undefined);
  return {
    status: 200,
    body: bytes as never,
    headers: { 'content-type': CONTENT_TYPES[format], 'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}` },
  };
};

function checkRunScope(principal: { role: string; storeCodes: readonly string[] }, storeCode: string | undefined): void {
  if (principal.role !== 'store_manager') return;
  if (storeCode === undefined || !principal.storeCodes.includes(storeCode)) {
    throw new ApiError(403, 'store_out_of_scope', { allowed: principal.storeCodes, store_code: storeCode ?? '' });
  }
}

export const reportHandlers = { listReports, createReportRun, getReportRun, getReportRunOutput, recordFootfallCounts, recordLabourHours };
