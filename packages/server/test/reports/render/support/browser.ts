// Headless Debian Chromium through playwright-core, kept off the network: every request that
// is not file: or loopback is aborted and recorded, and host names do not resolve.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { type BrowserContext, chromium } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // A second fence behind the request routing: no host name resolves except loopback.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
];

export interface OfflineBrowser {
  readonly context: BrowserContext;
  /** URLs of requests that tried to leave the machine (all were aborted). */
  readonly blockedRequests: string[];
  /** Every request URL the pages made, allowed or not. */
  readonly allRequests: string[];
  close(): Promise<void>;
}

export async function launchOfflineBrowser(): Promise<OfflineBrowser> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'boh-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    args: LAUNCH_ARGS,
    headless: true,
    viewport: { width: 1200, height: 900 },
    deviceScaleFactor: 1,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    offline: false,
  });

  const blockedRequests: string[] = [];
  const allRequests: string[] = [];
  context.on('request', (request) => allRequests.push(request.url()));
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (isLocal(url)) {
      await route.continue();
    } else {
      blockedRequests.push(url);
      await route.abort('blockedbyclient');
    }
  });

  return {
    context,
    blockedRequests,
    allRequests,
    close: async () => {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Return true for file:, data: and about: URLs and for loopback hosts. */
export function isLocal(url: string): boolean {
  const parsed = new URL(url);
  if (['file:', 'data:', 'about:', 'blob:'].includes(parsed.protocol)) return true;
  return ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname) || parsed.hostname.startsWith('127.');
}
