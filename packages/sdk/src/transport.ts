import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Agent } from 'undici';
import { BohConnectionError, BohError, BohTimeoutError, errorFromResponse } from './errors.js';
import { sdkMessage } from './messages.js';
import { retryDelayMs, shouldRetry } from './retry.js';
import { SDK_VERSION } from './version.js';

const UTF8 = new TextEncoder();

export type Language = 'zh-CN' | 'en';

/** What happened on one attempt, for logging and metrics. */
export interface RequestEvent {
  method: string;
  path: string;
  attempt: number;
  status?: number;
  durationMs: number;
  requestId?: string;
  error?: string;
}

export interface ClientOptions {
  /** The API's address, e.g. http://127.0.0.1:4010. */
  baseUrl: string;
  /** An API token (`boh_…`). */
  token?: string;
  /** Language of the API's error messages. */
  language?: Language;
  /** Per-attempt timeout in milliseconds; 30 s by default. */
  timeoutMs?: number;
  /** Retries after the first attempt, for requests that are safe to repeat; 3 by default. */
  maxRetries?: number;
  /** First backoff step in milliseconds; 250 by default. */
  baseDelayMs?: number;
  /** Longest wait between attempts, also the cap on Retry-After; 20 s by default. */
  maxDelayMs?: number;
  /**
   * The fetch implementation. By default undici's fetch over a keep-alive connection pool;
   * tests pass the global fetch so msw can intercept it.
   */
  fetch?: typeof globalThis.fetch;
  /** Called after every attempt. */
  onRequest?: (event: RequestEvent) => void;
  userAgent?: string;
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined | null>;
  body?: unknown;
  headers?: Record<string, string | undefined>;
  /**
   * For POST: the key that makes retries safe. One is generated per call when absent; pass your
   * own to make a retry of the whole program safe too. `false` sends none (the request is then
   * not retried).
   */
  idempotencyKey?: string | false;
  /**
   * For a POST that the API makes idempotent by its own content, such as an import batch with
   * its sequence number: retried like a request with a key, without sending one.
   */
  retrySafe?: boolean;
  /** Return a successful body as raw bytes (a `Uint8Array`), for files such as XLSX. */
  binary?: boolean;
  signal?: AbortSignal;
}

export interface ApiResponse<T> {
  status: number;
  body: T;
  headers: Headers;
  requestId?: string;
}

/** HTTP transport: headers, timeouts, retries with backoff, typed errors. */
export class Transport {
  readonly options: Required<Pick<ClientOptions, 'baseUrl' | 'timeoutMs' | 'maxRetries' | 'baseDelayMs' | 'maxDelayMs'>> & ClientOptions;
  /**
   * The default fetch over its connection pool, made on the first request. undici loads then,
   * because it takes about 19 MB of resident memory (Node.js 20) in processes that send nothing,
   * such as `boh serve`.
   */
  #pooled: Promise<{ agent: Agent; fetch: typeof globalThis.fetch }> | undefined;

  constructor(options: ClientOptions) {
    // Options given as undefined keep their defaults.
    const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as ClientOptions;
    this.options = {
      timeoutMs: 30_000,
      maxRetries: 3,
      baseDelayMs: 250,
      maxDelayMs: 20_000,
      ...given,
      baseUrl: options.baseUrl.replace(/\/+$/, ''),
    };
  }

  /** Send a request, retrying when that is safe, and return the parsed body or throw a BohError. */
  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const upper = method.toUpperCase();
    const idempotencyKey = upper === 'POST' && options.idempotencyKey !== false ? (options.idempotencyKey ?? randomUUID()) : undefined;
    const url = this.#url(path, options.query);
    const headers = this.#headers(options, idempotencyKey);
    // Sent as UTF-8 bytes, encoded once. Given a string, fetch checks it for lone surrogates and
    // encodes it on every attempt, a few milliseconds for a batch of 5,000 statement lines.
    // JSON.stringify escapes lone surrogates, so the bytes are the ones fetch would send.
    const body = options.body === undefined ? undefined : UTF8.encode(JSON.stringify(options.body));
    const repeatable = idempotencyKey !== undefined || options.retrySafe === true;
    const fetch = this.options.fetch ?? (await this.#pool()).fetch;

    for (let attempt = 1; ; attempt++) {
      const started = performance.now();
      let response: Response;
      try {
        response = await this.#send(fetch, upper, url, headers, body, options.signal);
      } catch (error) {
        const failure = this.#transportError(error);
        this.#emit({ method: upper, path, attempt, durationMs: performance.now() - started, error: failure.code });
        if (options.signal?.aborted || !shouldRetry({ attempt, maxRetries: this.options.maxRetries, method: upper, hasIdempotencyKey: repeatable })) {
          throw failure;
        }
        await sleep(retryDelayMs(attempt, undefined, this.options));
        continue;
      }

      const requestId = response.headers.get('x-request-id') ?? undefined;
      this.#emit({ method: upper, path, attempt, status: response.status, durationMs: performance.now() - started, requestId });
      if (response.ok && options.binary) return { status: response.status, body: new Uint8Array(await response.arrayBuffer()) as T, headers: response.headers, requestId };
      const parsed = await readBody(response);
      if (response.ok) return { status: response.status, body: parsed as T, headers: response.headers, requestId };

      const retry = shouldRetry({ attempt, maxRetries: this.options.maxRetries, method: upper, hasIdempotencyKey: repeatable, status: response.status });
      if (!retry) throw errorFromResponse(response.status, parsed, requestId, this.options.language);
      await sleep(retryDelayMs(attempt, response.headers.get('retry-after'), this.options));
    }
  }

  /** Release the keep-alive connections. */
  async close(): Promise<void> {
    if (this.#pooled) await (await this.#pooled).agent.close();
  }

  #pool(): Promise<{ agent: Agent; fetch: typeof globalThis.fetch }> {
    this.#pooled ??= import('undici').then(({ Agent, fetch: undiciFetch }) => {
      const agent = new Agent({ keepAliveTimeout: 10_000, keepAliveMaxTimeout: 60_000, connections: 16 });
      const fetch = ((input: any, init: any) => undiciFetch(input, { ...init, dispatcher: agent })) as typeof globalThis.fetch;
      return { agent, fetch };
    });
    return this.#pooled;
  }

  async #send(
    fetch: typeof globalThis.fetch,
    method: string,
    url: string,
    headers: Record<string, string>,
    body: Uint8Array | undefined,
    signal: AbortSignal | undefined,
  ): Promise<Response> {
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    return fetch(url, { method, headers, body, signal: combined });
  }

  #url(path: string, query: RequestOptions['query']): string {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== null) search.set(name, String(value));
    }
    const suffix = search.size > 0 ? `?${search}` : '';
    return `${this.options.baseUrl}${path}${suffix}`;
  }

  #headers(options: RequestOptions, idempotencyKey: string | undefined): Record<string, string> {
    const headers: Record<string, string> = {
      accept: options.binary ? '*/*' : 'application/json, application/problem+json',
      'user-agent': this.options.userAgent ?? `boh-sdk/${SDK_VERSION} node/${process.versions.node}`,
    };
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    if (this.options.language) headers['accept-language'] = this.options.language;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    for (const [name, value] of Object.entries(options.headers ?? {})) {
      if (value !== undefined) headers[name.toLowerCase()] = value;
    }
    return headers;
  }

  #transportError(error: unknown): BohError {
    if (error instanceof BohError) return error;
    const name = (error as { name?: string }).name;
    const { baseUrl, timeoutMs, language } = this.options;
    if (name === 'TimeoutError') {
      return new BohTimeoutError(sdkMessage(language, 'timeout', { baseUrl, timeoutMs }), { code: 'timeout', cause: error });
    }
    if (name === 'AbortError') return new BohError(sdkMessage(language, 'aborted'), { code: 'aborted', cause: error });
    const reason = describeCause(error);
    return new BohConnectionError(sdkMessage(language, 'network_error', { baseUrl, reason }), { code: 'network_error', cause: error });
  }

  #emit(event: RequestEvent): void {
    this.options.onRequest?.(event);
  }
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function describeCause(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message ?? String(error);
}
