import { readFileSync } from 'node:fs';

/** The version of @boh/cli. */
export const CLI_VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
