// Bundle the multi-file contract in openapi/ into one JSON document whose $refs all point inside it (#/components/…).
// The server validates requests and (in tests) responses against it, and the CLI reads field
// types from it, so both packages get a copy under their own `contract/` folder.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundle, loadConfig } from '@redocly/openapi-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'openapi', 'openapi.yaml');
const targets = ['packages/server/contract/openapi.json', 'packages/sdk/contract/openapi.json'];

const config = await loadConfig({ configPath: join(root, 'openapi', 'redocly.yaml') });
const result = await bundle({ ref: source, config, dereference: false });

const errors = result.problems.filter((problem) => problem.severity === 'error');
if (errors.length > 0) {
  for (const problem of errors) console.error(`openapi: ${problem.message}`);
  process.exit(1);
}

const text = `${JSON.stringify(result.bundle.parsed)}\n`;
for (const target of targets) {
  const path = join(root, target);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
}
