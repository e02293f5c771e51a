import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALLOWED_TRANSITIONS, STAGES } from '../../src/lifecycle/stages.js';
import { lifecycleTemplatesDir, loadTemplates, parseTemplate } from '../../src/lifecycle/templates.js';

describe('the shipped checklist templates', () => {
  const templates = loadTemplates(lifecycleTemplatesDir({}));

  it('cover every stage a store can leave', () => {
    const leavable = STAGES.filter((stage) => ALLOWED_TRANSITIONS[stage].length > 0);
    expect([...templates.keys()].sort()).toEqual([...leavable].sort());
  });

  it('give every stage a mandatory item for each move out of it, except rejecting a site', () => {
    for (const [stage, template] of templates) {
      for (const target of ALLOWED_TRANSITIONS[stage]) {
        const required = template.items.filter((item) => item.mandatory && (item.mandatory_for === null || item.mandatory_for.includes(target)));
        if (stage === 'site_selection' && target === 'rejected') expect(required).toEqual([]);
        else expect(required.length, `${stage} → ${target}`).toBeGreaterThan(0);
      }
    }
  });

  it('list the licences and the closing steps', () => {
    expect(templates.get('construction')!.items.map((item) => item.title['zh-CN'])).toEqual(
      expect.arrayContaining(['营业执照已办理', '食品经营许可证已办理', '租赁合同已签署', '店长及员工招聘到位']),
    );
    expect(templates.get('closing')!.items.map((item) => item.key)).toEqual(
      expect.arrayContaining(['stock_cleared', 'assets_cleared', 'staff_reassigned', 'suppliers_settled', 'landlord_settled', 'terminals_deregistered']),
    );
  });
});

describe('a broken template', () => {
  const valid = { stage: 'closing', title: { en: 'Closing', 'zh-CN': '闭店中' }, items: [] as unknown[] };
  const item = { key: 'x', title: { en: 'X', 'zh-CN': '某事' }, mandatory: true, roles: ['ops'] };

  it.each([
    [{ ...valid, stage: 'closed' }, 'stage must be "closing"'],
    [{ ...valid, title: { en: 'Closing' } }, 'title must have non-empty "en" and "zh-CN" texts'],
    [{ ...valid, items: [item, item] }, 'items[1].key "x" is used twice'],
    [{ ...valid, items: [{ ...item, key: 'Bad Key' }] }, 'items[0].key must be lower-case'],
    [{ ...valid, items: [{ ...item, roles: ['boss'] }] }, 'items[0].roles must be a list of roles'],
    [{ ...valid, items: [{ ...item, mandatory_for: ['operating'] }] }, 'items[0].mandatory_for must list stages this stage may move to (closed)'],
  ])('is rejected naming the field (%#)', (template, message) => {
    expect(() => parseTemplate(template, 'closing.json', 'closing')).toThrow(message);
  });

  it('is found when read from a folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'boh-templates-'));
    writeFileSync(join(dir, 'closing.json'), JSON.stringify({ ...valid, items: [{ ...item, mandatory: 'yes' }] }));
    expect(() => loadTemplates(dir)).toThrow(`Checklist template ${join(dir, 'closing.json')}: items[0].mandatory must be true or false.`);
  });
});
