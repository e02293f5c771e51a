import type { Context } from '../../runtime/context.js';
import { toJson } from '../../output/format.js';
import { renderTable } from '../../output/table.js';

export async function listAccounts(context: Context, options: { q?: string }): Promise<void> {
  const accounts = await context.client().ledger.accounts.list({ limit: 500, ...(options.q ? { q: options.q } : {}) }).toArray({ max: 10_000 });
  if (context.json) {
    context.io.stdout.write(toJson(accounts));
    return;
  }
  const t = (key: string) => context.t(key);
  const name = (a: (typeof accounts)[number]) => `${'  '.repeat(a.level - 1)}${context.language === 'zh-CN' ? a.name_zh : a.name_en}`;
  context.io.stdout.write(
    renderTable(
      accounts,
      [
        { header: t('ledger.column.code'), value: (a) => a.code },
        { header: t('ledger.column.name'), value: name },
        { header: t('ledger.column.status'), value: (a) => `${a.category}/${a.balance_direction}${a.active ? '' : ' ✗'}` },
      ],
      Boolean(context.io.stdout.isTTY),
    ),
  );
}

export async function createAccount(context: Context, options: { code: string; nameZh: string; nameEn: string }): Promise<void> {
  const account = await context.client().ledger.accounts.create({ code: options.code, name_zh: options.nameZh, name_en: options.nameEn });
  report(context, account);
}

export async function updateAccount(context: Context, code: string, options: { nameZh?: string; nameEn?: string; active?: string }): Promise<void> {
  const client = context.client();
  const current = await client.ledger.accounts.get(code);
  const account = await client.ledger.accounts.update(
    code,
    { ...(options.nameZh ? { name_zh: options.nameZh } : {}), ...(options.nameEn ? { name_en: options.nameEn } : {}), ...(options.active ? { active: options.active === 'true' } : {}) },
    { ifVersion: current.version },
  );
  report(context, account);
}

function report(context: Context, account: { code: string; name_zh: string; name_en: string }): void {
  if (context.json) {
    context.io.stdout.write(toJson(account));
    return;
  }
  context.info(context.t('ledger.account.done', { code: account.code, name: context.language === 'zh-CN' ? account.name_zh : account.name_en }));
}
