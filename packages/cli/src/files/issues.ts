// The result shape of the value normalisers and the error raised when a file cannot be read
// at all. Problems inside a readable file are `ReadIssue`s (types.ts) instead, listed beside
// the rows that could be read.

import { formatMessage, type Locale, type MessageCode } from './messages.js';

export type IssueParams = Readonly<Record<string, string | number>>;

/** Why a value was rejected: a catalogue code and the params of its message. */
export interface ValueIssue {
  readonly code: MessageCode;
  readonly params: IssueParams;
}

/** The outcome of a normaliser, which returns an issue for bad user data instead of throwing. */
export type Normalised<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issue: ValueIssue };

export function accept<T>(value: T): Normalised<T> {
  return { ok: true, value };
}

export function reject(code: MessageCode, params: IssueParams): Normalised<never> {
  return { ok: false, issue: { code, params } };
}

/**
 * Raised when a file cannot be read at all: missing, empty, of an unsupported format,
 * encrypted, or with an unknown sheet or encoding. `code` selects the catalogue message.
 */
export class TableReadError extends Error {
  readonly code: MessageCode;
  readonly params: IssueParams;

  constructor(code: MessageCode, params: IssueParams, options?: { cause?: unknown }) {
    super(`${code}: ${formatMessage('en', code, params)}`, options);
    this.name = 'TableReadError';
    this.code = code;
    this.params = params;
  }

  /** Returns the message in the reader's language. */
  localised(locale: Locale): string {
    return formatMessage(locale, this.code, this.params);
  }
}
