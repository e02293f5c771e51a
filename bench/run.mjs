// Run every benchmark of this folder (files named *.bench.mjs) one after the other. A first
// argument without a leading dash picks the benchmarks whose name contains it; the other
// arguments are passed on: `npm run bench -- sales --lines 100000`.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const folder = fileURLToPath(new URL('.', import.meta.url));
const args = process.argv.slice(2);
const only = args[0] && !args[0].startsWith('-') ? args.shift() : undefined;
const benchmarks = readdirSync(folder).filter((name) => name.endsWith('.bench.mjs') && (!only || name.includes(only))).sort();

let failed = false;
for (const name of benchmarks) {
  console.log(`\n## ${name}`);
  const result = spawnSync(process.execPath, [`${folder}${name}`, ...args], { stdio: 'inherit' });
  if (result.status !== 0) failed = true;
}
process.exitCode = failed ? 1 : 0;
