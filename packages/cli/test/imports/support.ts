// Shared set-up of the import tests: a real server, the real `boh` binary, files in a
// temporary folder and reads straight from the API.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { runBoh, type CliResult } from '../../../../test-support/cli.js';
import { send } from '../../../../test-support/http.js';
import { startTestServer, type TestServer } from '../../../../test-support/server.js';

export interface ImportHarness {
  server: TestServer;
  env: Record<string, string>;
  folder: string;
  /** Write a file into the test's folder and return its path. */
  file(name: string, content: string | Uint8Array): string;
  /** Write a mapping profile and return its path. */
  profile(name: string, profile: Record<string, unknown>): string;
  boh(args: string[], extraEnv?: Record<string, string>): Promise<CliResult>;
  /** GET an API path as admin and return the body, or undefined on 404. */
  get<T = any>(path: string): Promise<T | undefined>;
  read(name: string): string;
}

/** Start a server for the test file and give helpers bound to it. */
export function importHarness(): ImportHarness {
  const harness = { folder: mkdtempSync(join(tmpdir(), 'boh-import-')) } as ImportHarness;
  beforeAll(async () => {
    harness.server = await startTestServer();
    harness.env = { BOH_BASE_URL: harness.server.url, BOH_TOKEN: await harness.server.token('admin'), BOH_LANG: 'en' };
  });
  afterAll(async () => {
    await harness.server.close();
    rmSync(harness.folder, { recursive: true, force: true });
  });

  harness.file = (name, content) => {
    const path = join(harness.folder, name);
    writeFileSync(path, content);
    return path;
  };
  harness.profile = (name, profile) => harness.file(name, JSON.stringify(profile));
  harness.boh = (args, extraEnv = {}) => runBoh(args, { env: { ...harness.env, ...extraEnv }, cwd: harness.folder, timeoutMs: 60_000 });
  harness.get = async (path) => {
    const reply = await send(harness.server.url, 'GET', path, { token: harness.env.BOH_TOKEN });
    return reply.status === 404 ? undefined : reply.body;
  };
  harness.read = (name) => readFileSync(join(harness.folder, name), 'utf8');
  return harness;
}

/** Parse a CSV the import wrote (UTF-8 with BOM, no quoted line breaks) into rows of fields. */
export function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  for (const line of text.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean)) {
    const fields: string[] = [];
    let current = '';
    let quoted = false;
    for (let index = 0; index < line.length; index += 1) {
      const char = line[index]!;
      if (quoted) {
        if (char === '"' && line[index + 1] === '"') {
          current += '"';
          index += 1;
        } else if (char === '"') quoted = false;
        else current += char;
      } else if (char === '"') quoted = true;
      else if (char === ',') {
        fields.push(current);
        current = '';
      } else current += char;
    }
    fields.push(current);
    rows.push(fields);
  }
  return rows;
}
