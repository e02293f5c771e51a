// The same document must give the same output whatever TZ the server process runs under. Each
// writer runs in child processes under three TZ settings and the results are compared.

import { execFile } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { compileRenderCode, SERVER_ROOT } from './support/compile-render.js';
import { timezoneDocument } from './support/fixtures.js';
import { probe, type ProbeResult } from './support/timezone-probe.js';

const run = promisify(execFile);
const WORK_DIR = join(SERVER_ROOT, '../../test-output/reports-render', `timezone-${process.pid}`);

const PROCESS_TIME_ZONES = [
  { tz: 'UTC', localOffsetMinutes: 0 },
  { tz: 'Asia/Shanghai', localOffsetMinutes: -480 },
  { tz: 'America/Los_Angeles', localOffsetMinutes: 480 },
];

interface ChildOutput {
  readonly environment: { tz: string; resolvedTimeZone: string; localOffsetMinutes: number };
  readonly result: ProbeResult;
}

describe('output under different process time zones', () => {
  const outputs = new Map<string, ChildOutput>();
  let inProcess: ProbeResult;

  beforeAll(async () => {
    await mkdir(WORK_DIR, { recursive: true });
    await compileRenderCode(WORK_DIR);
    const documentPath = join(WORK_DIR, 'document.json');
    await writeFile(documentPath, JSON.stringify(timezoneDocument()));
    const script = join(WORK_DIR, 'test/reports/render/support/timezone-probe.js');

    await Promise.all(
      PROCESS_TIME_ZONES.map(async ({ tz }) => {
        const { stdout } = await run(process.execPath, [script, documentPath], {
          env: { ...process.env, TZ: tz },
          maxBuffer: 16 * 1024 * 1024,
        });
        outputs.set(tz, JSON.parse(stdout) as ChildOutput);
      }),
    );
    inProcess = await probe(timezoneDocument());
  }, 60_000);

  afterAll(async () => {
    await rm(WORK_DIR, { recursive: true, force: true });
  });

  it.each(PROCESS_TIME_ZONES)('child runs under TZ=$tz', ({ tz, localOffsetMinutes }) => {
    const environment = outputs.get(tz)?.environment;
    expect(environment?.resolvedTimeZone).toBe(tz);
    expect(environment?.localOffsetMinutes).toBe(localOffsetMinutes);
  });

  it.each(PROCESS_TIME_ZONES)('XLSX serials under TZ=$tz are exact', ({ tz }) => {
    const cells = outputs.get(tz)?.result.xlsxRaw['门店日汇总'];
    expect(Number(cells?.B2)).toBe(45322);
    expect(Number(cells?.B3)).toBe(45323);
    expect(Number(cells?.C2)).toBe(45322 + 23.5 / 24);
    expect(Number(cells?.C3)).toBe(45323 + 10 / 1440);
    expect(Number(cells?.D2)).toBe(1280.5);
    expect(Number(cells?.D3)).toBe(356);
  });

  it.each(PROCESS_TIME_ZONES)('CSV under TZ=$tz shows Shanghai wall-clock time', ({ tz }) => {
    expect(outputs.get(tz)?.result.csv.store_days).toBe(
      '\uFEFF门店编码,营业日,最后结账时间,销售额\r\n' +
        '0001,2024-01-31,2024-01-31 23:30:00,1280.50\r\n' +
        '0002,2024-02-01,2024-02-01 00:10:00,356.00\r\n',
    );
  });

  it.each(PROCESS_TIME_ZONES)('every writer under TZ=$tz matches the test process', ({ tz }) => {
    const result = outputs.get(tz)?.result;
    expect(result?.xlsxRaw).toEqual(inProcess.xlsxRaw);
    expect(result?.xlsxRead).toEqual(inProcess.xlsxRead);
    expect(result?.csv).toEqual(inProcess.csv);
    expect(result?.json).toBe(inProcess.json);
    expect(result?.html).toBe(inProcess.html);
  });
});
