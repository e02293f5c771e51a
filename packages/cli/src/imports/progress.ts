import type { Context } from '../runtime/context.js';
import { writeLine } from '../runtime/io.js';

const BAR_WIDTH = 24;
const TTY_INTERVAL_MS = 200;
const JSON_INTERVAL_MS = 1000;

/**
 * Progress of an import: a bar with rows, rows/s and ETA on a terminal, a JSON line on stderr
 * every second with --json, nothing otherwise. The ETA is estimated from the file's line breaks.
 */
export class Progress {
  private readonly started = Date.now();
  private last = 0;
  private drawn = false;
  private readonly mode: 'bar' | 'json' | 'none';

  constructor(
    private readonly context: Context,
    private readonly expectedRows: number | undefined,
  ) {
    if (context.json) this.mode = 'json';
    else if (!context.quiet && context.io.stderr.isTTY) this.mode = 'bar';
    else this.mode = 'none';
  }

  update(rows: number, force = false): void {
    if (this.mode === 'none') return;
    const now = Date.now();
    if (!force && now - this.last < (this.mode === 'bar' ? TTY_INTERVAL_MS : JSON_INTERVAL_MS)) return;
    this.last = now;

    const seconds = Math.max((now - this.started) / 1000, 0.001);
    const rate = rows / seconds;
    const fraction = this.expectedRows ? Math.min(rows / this.expectedRows, 1) : undefined;
    const eta = fraction !== undefined && rate > 0 ? Math.max(0, (this.expectedRows! - rows) / rate) : undefined;

    if (this.mode === 'json') {
      const line = { event: 'progress', rows, rows_per_second: Math.round(rate), elapsed_seconds: Math.round(seconds * 10) / 10, ...(eta !== undefined ? { eta_seconds: Math.round(eta) } : {}) };
      writeLine(this.context.io.stderr, JSON.stringify(line));
      return;
    }
    const text =
      fraction === undefined
        ? this.context.t('import.progress', { rows: rows.toLocaleString('en'), rate: Math.round(rate).toLocaleString('en') })
        : `${bar(fraction)} ${this.context.t('import.progress.eta', {
            percent: Math.floor(fraction * 100),
            rows: rows.toLocaleString('en'),
            rate: Math.round(rate).toLocaleString('en'),
            eta: clock(eta ?? 0),
          })}`;
    this.context.io.stderr.write(`\r${text}\u001b[K`);
    this.drawn = true;
  }

  /** Clear the bar so the summary starts on a clean line. */
  done(rows: number): void {
    this.update(rows, true);
    if (this.drawn) this.context.io.stderr.write('\r\u001b[K');
  }
}

function bar(fraction: number): string {
  const filled = Math.round(fraction * BAR_WIDTH);
  return `[${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}]`;
}

function clock(seconds: number): string {
  const whole = Math.round(seconds);
  const minutes = Math.floor(whole / 60);
  return `${minutes}:${String(whole % 60).padStart(2, '0')}`;
}
