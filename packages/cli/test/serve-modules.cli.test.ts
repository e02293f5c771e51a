import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BOH_BIN } from '../../../test-support/cli.js';

const scratch = mkdtempSync(join(tmpdir(), 'boh-serve-modules-'));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/**
 * Start `boh serve` with a module resolve hook that writes every resolved URL to a file, stop it
 * once it listens, and return the URLs.
 */
async function modulesOfServe(): Promise<string[]> {
  const log = join(scratch, 'modules.txt');
  const hooks = join(scratch, 'hooks.mjs');
  const register = join(scratch, 'register.mjs');
  writeFileSync(
    hooks,
    `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(${JSON.stringify(log)}, result.url + '\\n');
  return result;
}
`,
  );
  writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
  writeFileSync(log, '');

  const child = spawn(process.execPath, ['--import', pathToFileURL(register).href, BOH_BIN, 'serve', '--port', '0', '--database', join(scratch, 'boh.db')], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const listening = new Promise<void>((resolve) => {
    const collect = (chunk: string) => {
      output += chunk;
      if (output.includes('listening')) resolve();
    };
    child.stdout.setEncoding('utf8').on('data', collect);
    child.stderr.setEncoding('utf8').on('data', collect);
  });
  const exited = once(child, 'exit');
  await Promise.race([listening, exited]);
  child.kill('SIGINT');
  await exited;
  expect(output).toContain('listening');
  return readFileSync(log, 'utf8').split('\n').filter(Boolean);
}

describe('boh serve', () => {
  it('starts without workbook, HTTP client or zod modules', async () => {
    const urls = await modulesOfServe();

    // The hook saw the server's own packages, so an empty list below means they were not loaded.
    expect(urls.some((url) => url.includes('/node_modules/kysely/'))).toBe(true);
    expect(urls.filter((url) => url.includes('/node_modules/exceljs/'))).toEqual([]);
    expect(urls.filter((url) => url.includes('/node_modules/undici/'))).toEqual([]);
    expect(urls.filter((url) => url.includes('/node_modules/zod/'))).toEqual([]);
  });
});
