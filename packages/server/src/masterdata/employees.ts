import type { components } from '@boh/sdk/types';
import type { FieldIssue } from '../http/api-error.js';
import type { Handler } from '../http/handler.js';
import { checkDateOrder, checkReferences } from './checks.js';
import { callerOf, createRecord, getRecord, listRecords, pick, updateRecord, type MasterResource } from './resource.js';

type Employee = components['schemas']['Employee'];
type Skill = components['schemas']['Skill'];

const EDITABLE = [
  'name', 'role', 'store_code', 'hourly_cost_fen', 'skills', 'phone', 'home_latitude', 'home_longitude', 'hired_on', 'left_on',
] as const;

export const employees: MasterResource<Employee> = {
  resource: 'employee',
  table: 'employees',
  toApi: (row) => ({
    code: row.code,
    name: row.name,
    role: row.role,
    store_code: row.store_code ?? null,
    hourly_cost_fen: row.hourly_cost_fen ?? null,
    skills: JSON.parse(row.skills) as Skill[],
    phone: row.phone ?? null,
    home_latitude: row.home_latitude ?? null,
    home_longitude: row.home_longitude ?? null,
    hired_on: row.hired_on ?? null,
    left_on: row.left_on ?? null,
    active: Boolean(row.active),
    version: row.version,
    created_at: row.created_at,
    updated_at: row.updated_at,
  }),
  toColumns: (fields) => {
    const columns = pick(fields, EDITABLE);
    if ('skills' in columns) columns.skills = JSON.stringify(columns.skills);
    return columns;
  },
  defaults: {
    store_code: null, hourly_cost_fen: null, skills: '[]', phone: null, home_latitude: null, home_longitude: null, hired_on: null,
    left_on: null,
  },
  sorts: {
    code: { column: 'code', text: true },
    name: { column: 'name', text: true },
    role: { column: 'role', text: true },
    store_code: { column: 'store_code', text: true, nullable: true },
    created_at: { column: 'created_at' },
    updated_at: { column: 'updated_at' },
  },
  filter: (query, params) => {
    let q = query;
    for (const column of ['role', 'store_code']) {
      if (params[column] !== undefined) q = q.where(column, '=', params[column]);
    }
    return q;
  },
  storeColumn: 'store_code',
  check: async (db, record, existing) => [
    ...checkSkills(record.skills),
    ...checkHomeBase(record),
    ...checkDateOrder({ field: 'hired_on', value: record.hired_on }, { field: 'left_on', value: record.left_on }),
    ...(await checkReferences(db, [{ field: 'store_code', value: record.store_code, table: 'stores', resource: 'store', previous: existing?.store_code }])),
  ],
};

function checkSkills(skills: Skill[]): FieldIssue[] {
  const seen = new Set<string>();
  const issues: FieldIssue[] = [];
  skills.forEach((entry, index) => {
    if (seen.has(entry.skill)) {
      issues.push({ field: `body.skills[${index}].skill`, code: 'duplicate_skill', params: { value: entry.skill }, value: entry.skill });
    }
    seen.add(entry.skill);
  });
  return issues;
}

/** Report a home base with one coordinate but not the other, because it cannot be routed to. */
function checkHomeBase(record: Employee): FieldIssue[] {
  const latitude = record.home_latitude;
  const longitude = record.home_longitude;
  if ((latitude === null) === (longitude === null)) return [];
  return latitude === null
    ? [{ field: 'body.home_latitude', code: 'coordinates_pair', params: { other: 'home_longitude' } }]
    : [{ field: 'body.home_longitude', code: 'coordinates_pair', params: { other: 'home_latitude' } }];
}

const listEmployees: Handler<'listEmployees'> = async (c) => ({ status: 200, body: await listRecords(employees, callerOf(c), c.query) });
const getEmployee: Handler<'getEmployee'> = async (c) => getRecord(employees, callerOf(c), c.params.code);
const createEmployee: Handler<'createEmployee'> = async (c) => createRecord(employees, callerOf(c), c.body);
const updateEmployee: Handler<'updateEmployee'> = async (c) =>
  updateRecord(employees, callerOf(c), c.params.code, c.body, c.headers['if-match']);
const deactivateEmployee: Handler<'deactivateEmployee'> = async (c) =>
  updateRecord(employees, callerOf(c), c.params.code, { active: false }, c.headers['if-match'], 'deactivate');

export const employeeHandlers = { listEmployees, getEmployee, createEmployee, updateEmployee, deactivateEmployee };
