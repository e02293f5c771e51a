import { readFileSync } from 'node:fs';

/** The version of @boh/sdk, sent in the User-Agent header. */
export const SDK_VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
