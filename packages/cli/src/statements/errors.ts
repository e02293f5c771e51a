import { formatMessage, type MessageCode, type MessageParam } from './messages.js';

/**
 * Raised when a whole statement cannot be parsed: its layout is not recognised, its header is
 * missing, or an option or mapping profile is invalid. Problems in single rows never raise; they
 * go to the quarantine.
 */
export class StatementParseError extends Error {
  readonly type = 'StatementParseError';

  constructor(
    readonly code: MessageCode,
    readonly params: Readonly<Record<string, MessageParam>>,
  ) {
    super(formatMessage('en', code, params));
    this.name = 'StatementParseError';
  }
}
