import { BohError } from './errors.js';
import { sdkMessage } from './messages.js';
import type { Language } from './transport.js';

/** One page of a list, as every list operation returns it. */
export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

/** The most records `toArray` will collect, whatever `max` says. */
export const TO_ARRAY_CAP = 100_000;

/**
 * The result of a list call: await it for the first page, or iterate it with `for await` to
 * walk every record across pages. Pages are fetched one at a time, as the iteration needs them.
 */
export class PagedList<T> implements PromiseLike<Page<T>>, AsyncIterable<T> {
  readonly #fetchPage: (cursor: string | undefined) => Promise<Page<T>>;
  readonly #language: Language | undefined;
  #first: Promise<Page<T>> | undefined;

  constructor(fetchPage: (cursor: string | undefined) => Promise<Page<T>>, language?: Language) {
    this.#fetchPage = fetchPage;
    this.#language = language;
  }

  then<A = Page<T>, B = never>(
    onFulfilled?: ((page: Page<T>) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): PromiseLike<A | B> {
    this.#first ??= this.#fetchPage(undefined);
    return this.#first.then(onFulfilled, onRejected);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    let cursor: string | undefined;
    do {
      const page = await this.#fetchPage(cursor);
      yield* page.data;
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
  }

  /**
   * Iterate page by page instead of record by record. With `prefetch`, the next page is requested
   * as soon as a page arrives, so the server prepares it while the caller handles the one before.
   * That pays when the caller spends about as long on a page as the server, as a client writing a
   * large file does. A loop left early then leaves at most one extra request, whose result is dropped.
   */
  async *pages(options: { prefetch?: boolean } = {}): AsyncGenerator<Page<T>> {
    let next: Promise<Page<T>> | undefined = this.#fetchPage(undefined);
    while (next !== undefined) {
      const page: Page<T> = await next;
      const cursor = page.next_cursor ?? undefined;
      next = undefined;
      if (cursor !== undefined && options.prefetch) {
        next = this.#fetchPage(cursor);
        // Marked as handled, so a loop left early leaves no unhandled rejection. The error is
        // raised when the page is awaited above.
        next.catch(() => undefined);
      }
      yield page;
      if (cursor !== undefined && !options.prefetch) next = this.#fetchPage(cursor);
    }
  }

  /**
   * Collect every record into an array. `max` is required so a large list cannot fill memory by
   * accident; more records than `max` is an error, not a silent cut.
   */
  async toArray(options: { max: number }): Promise<T[]> {
    if (!options || !Number.isInteger(options.max) || options.max < 1 || options.max > TO_ARRAY_CAP) {
      throw new BohError(sdkMessage(this.#language, 'to_array_limit', { cap: TO_ARRAY_CAP }), { code: 'invalid_argument' });
    }
    const records: T[] = [];
    for await (const record of this) {
      if (records.length === options.max) {
        throw new BohError(sdkMessage(this.#language, 'too_many_records', { max: options.max }), { code: 'too_many_records' });
      }
      records.push(record);
    }
    return records;
  }
}
