// Fail when packages/sdk/src/generated/openapi.ts is not what openapi-typescript makes from
// openapi/ now, so a contract change cannot land without its regenerated types.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const committed = join(root, 'packages/sdk/src/generated/openapi.ts');
const scratch = mkdtempSync(join(tmpdir(), 'boh-types-'));
const fresh = join(scratch, 'openapi.ts');

try {
  const bin = join(root, 'node_modules/.bin/openapi-typescript');
  execFileSync(bin, [join(root, 'openapi/openapi.yaml'), '-o', fresh], { stdio: 'pipe' });
  if (readFileSync(fresh, 'utf8') !== readFileSync(committed, 'utf8')) {
    console.error('packages/sdk/src/generated/openapi.ts is stale: run `npm run gen:types` and commit the result.');
    process.exitCode = 1;
  } else {
    console.log('SDK types match the contract.');
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
