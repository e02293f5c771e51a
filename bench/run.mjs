// Run every `*.bench.mjs` in this folder, one after the other, and print their results.
// Each benchmark starts its own server on 127.0.0.1 and sends a bounded number of requests.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';

const folder = fileURLToPath(new URL('.', import.meta.url));
for (const name of readdirSync(folder).filter((file) => file.endsWith('.bench.mjs')).sort()) {
  console.log(`\n== ${name}`);
  const { run } = await import(pathToFileURL(join(folder, name)).href);
  await run();
}
