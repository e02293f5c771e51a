// Transpiles the render code and these test helpers to JavaScript, so that child processes
// can run them with plain Node under another TZ. Layout and relative imports stay as they are.

import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

import ts from 'typescript';

export const SERVER_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const FOLDERS = ['src/reports/render', 'src/i18n', 'test/reports/render/support'];

/** Write the JavaScript under `outputRoot`, which must lie inside the repository so packages resolve. */
export async function compileRenderCode(outputRoot: string): Promise<void> {
  for (const folder of FOLDERS) {
    for (const file of await typeScriptFiles(join(SERVER_ROOT, folder))) {
      const source = await readFile(file, 'utf8');
      const { outputText } = ts.transpileModule(source, {
        compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
        fileName: file,
      });
      const target = join(outputRoot, relative(SERVER_ROOT, file)).replace(/\.ts$/, '.js');
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, outputText);
    }
  }
}

async function typeScriptFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}
