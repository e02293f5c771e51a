/** What the retry decision looks at, for one attempt that just failed. */
export interface AttemptOutcome {
  /** 1 for the first attempt. */
  attempt: number;
  maxRetries: number;
  method: string;
  hasIdempotencyKey: boolean;
  /** The HTTP status, or undefined when no response arrived. */
  status?: number;
}

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/** Decide whether to send the request again. Pure, so every branch is unit-tested. */
export function shouldRetry(outcome: AttemptOutcome): boolean {
  // Out of attempts.
  if (outcome.attempt > outcome.maxRetries) return false;

  // A retry must not repeat a side effect: POST only with an idempotency key, PATCH never.
  const method = outcome.method.toUpperCase();
  if (!IDEMPOTENT_METHODS.has(method) && !(method === 'POST' && outcome.hasIdempotencyKey)) return false;

  // No response: a network error or a timeout, worth another try.
  if (outcome.status === undefined) return true;

  // Rate limits and server errors are transient; other 4xx will fail the same way again.
  return outcome.status === 429 || outcome.status >= 500;
}

export interface BackoffOptions {
  baseDelayMs: number;
  maxDelayMs: number;
  /** A number in [0, 1), `Math.random` by default; injectable for tests. */
  random?: () => number;
}

/**
 * How long to wait before attempt `attempt + 1`. A server's Retry-After wins (capped at the
 * maximum); otherwise exponential backoff with full jitter, so many clients do not retry in step.
 */
export function retryDelayMs(attempt: number, retryAfter: string | null | undefined, options: BackoffOptions, now = Date.now()): number {
  const hinted = parseRetryAfter(retryAfter, now);
  if (hinted !== undefined) return Math.min(hinted, options.maxDelayMs);

  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor((options.random ?? Math.random)() * ceiling);
}

/** Read Retry-After as delay-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
