// Helpers for benchmarks that run `boh serve` and the CLI as separate processes, as a user does:
// a free loopback port, a server started and waited for, and a process's CPU time and memory
// read from /proc (Linux only).

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** Return a `/proc/PID/status` memory field (VmRSS, VmHWM …) in MiB. */
export function memoryMiB(pid, field) {
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
}

/** Return the user + system CPU seconds of a running process. */
export function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export async function freePort() {
  return new Promise((done) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
  });
}

/** Start `boh serve` of the CLI script `boh` on `databaseUrl` and wait until /health returns 200. */
export async function startServer(boh, databaseUrl, env = process.env) {
  const port = await freePort();
  const serve = spawn(process.execPath, [boh, 'serve', '--port', String(port), '--database', databaseUrl], { stdio: 'ignore', env });
  const base = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 300; attempt += 1) {
    if ((await fetch(`${base}/health`).catch(() => undefined))?.ok) break;
    await sleep(100);
  }
  return { serve, base };
}
