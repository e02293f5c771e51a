import type { NestedMessage } from '../i18n/index.js';

// JSON typed by people (orders, journal entries, option values, mapping profiles) is read here.
// A syntax error is worded in the user's language with its line and column, and a byte order
// mark left by Windows Notepad is not taken for an error.

/** Raised for text that is not JSON; `reason` words the problem for a message param. */
export class JsonTextError extends Error {
  constructor(readonly reason: NestedMessage) {
    super(reason.messageKey);
    this.name = 'JsonTextError';
  }
}

/** Parse JSON text without its byte order mark, or raise JsonTextError. */
export function parseJsonText(text: string): unknown {
  const body = text.replace(/^\ufeff/, '');
  try {
    return JSON.parse(body) as unknown;
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    throw new JsonTextError(jsonSyntaxReason(body, error));
  }
}

/**
 * Word a JSON.parse error: an empty text, text that ends early, or the line and column of the
 * first wrong character. Node 20.20 words the place as an offset (`at position 14`); a
 * `(line 2 column 3)` suffix is read as well, for a Node version that prints one.
 */
export function jsonSyntaxReason(text: string, error: SyntaxError): NestedMessage {
  if (text.trim() === '') return { messageKey: 'json.empty' };
  const lineColumn = /\(line (\d+) column (\d+)\)/.exec(error.message);
  if (lineColumn) return { messageKey: 'json.syntax', params: { line: Number(lineColumn[1]), column: Number(lineColumn[2]) } };
  const position = /at position (\d+)/.exec(error.message);
  if (position) {
    const before = text.slice(0, Number(position[1])).split('\n');
    return { messageKey: 'json.syntax', params: { line: before.length, column: before.at(-1)!.length + 1 } };
  }
  if (/end of (JSON )?input/i.test(error.message)) return { messageKey: 'json.ends_early' };
  return { messageKey: 'json.invalid' };
}
