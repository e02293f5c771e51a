import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { loadContract } from '@boh/server';
import { installContractCheck, type ContractViolation } from '../../src/http/contract-check.js';
import { loadContract as loadSourceContract } from '../../src/http/contract.js';
import { handlers } from '../../src/handlers.js';

describe('the contract', () => {
  it('has a handler for every operation and an operation for every handler', () => {
    const operationIds = loadContract().operations.map((o) => o.operationId).sort();
    expect(Object.keys(handlers).sort()).toEqual(operationIds);
  });

  it('names every operation uniquely and gives each one roles or marks it public', () => {
    const operations = loadContract().operations;
    expect(new Set(operations.map((o) => o.operationId)).size).toBe(operations.length);
    for (const operation of operations) {
      expect(operation.isPublic || operation.roles.length > 0, operation.operationId).toBe(true);
      expect(operation.responses['401'] !== undefined || operation.isPublic, operation.operationId).toBe(true);
    }
  });

  it('offers an Idempotency-Key on every POST', () => {
    for (const operation of loadContract().operations.filter((o) => o.method === 'post')) {
      expect(operation.parameters.some((p) => p.in === 'header' && p.name === 'Idempotency-Key'), operation.operationId).toBe(true);
    }
  });
});

describe('the contract check', () => {
  const contract = loadSourceContract();
  const getStore = contract.operations.find((o) => o.operationId === 'getStore')!;

  async function appReturning(status: number, body: unknown, headers: Record<string, string> = {}) {
    const violations: ContractViolation[] = [];
    const app = Fastify();
    app.decorateRequest('language', 'en');
    installContractCheck(app, contract, (v) => violations.push(v));
    app.get('/stores/:code', { config: { operation: getStore } }, async (_request, reply) => {
      reply.code(status).headers({ 'x-request-id': 'req_x', ...headers });
      return body;
    });
    const response = await app.inject({ method: 'GET', url: '/stores/0001' });
    await app.close();
    return { response, violations };
  }

  const store = {
      code: '0001', name: 'x', brand: null, region_code: null, city: null, address: null, phone: null, latitude: null,
      longitude: null, area_m2: null, seats: null, timezone: 'Asia/Shanghai', day_end_cutoff: '00:00', lifecycle_stage: 'operating',
      opened_on: null, closed_on: null, active: true, version: 1, created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z',
  };

  it('passes a response that matches', async () => {
    const { response, violations } = await appReturning(200, store, { etag: '"1"' });
    expect(violations).toEqual([]);
    expect(response.statusCode).toBe(200);
  });

  it('turns a body that breaks the schema into a 500 and reports it', async () => {
    const { response, violations } = await appReturning(200, { code: '0001' }, { etag: '"1"' });
    expect(response.statusCode).toBe(500);
    expect(response.json().code).toBe('contract_violation');
    expect(violations[0]!.problems.some((p) => p.includes("must have required property 'name'"))).toBe(true);
  });

  it('reports an undeclared status and a missing declared header', async () => {
    const teapot = await appReturning(418, { code: '0001' });
    expect(teapot.violations[0]!.problems).toEqual(['status 418 is not declared']);
    const noEtag = await appReturning(200, store);
    expect(noEtag.violations[0]!.problems).toEqual(['header etag is missing']);
    const wrongType = await appReturning(404, { type: 'x', title: 'x', status: 404, code: 'not_found', detail: 'x', request_id: 'r' });
    expect(wrongType.violations[0]!.problems[0]).toContain('content type "application/json" is not one of application/problem+json');
  });
});
