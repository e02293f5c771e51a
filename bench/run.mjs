// Run every benchmark of this folder (files named *.bench.mjs) one after the other, passing the
// command-line arguments on: `npm run bench -- --lines 100000`.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const folder = fileURLToPath(new URL('.', import.meta.url));
const benchmarks = readdirSync(folder).filter((name) => name.endsWith('.bench.mjs')).sort();
let failed = false;
for (const name of benchmarks) {
  console.log(`\n## ${name}`);
  const result = spawnSync(process.execPath, [`${folder}${name}`, ...process.argv.slice(2)], { stdio: 'inherit' });
  if (result.status !== 0) failed = true;
}
process.exitCode = failed ? 1 : 0;
