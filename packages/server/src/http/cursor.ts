import { ApiError } from './api-error.js';

/** The position after the last record of a page: its sort value and its key. */
export interface CursorPosition {
  sort: string;
  value: string | number | null;
  key: string;
}

/** Encode a page position as an opaque URL-safe string. */
export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.sort, position.value, position.key]), 'utf8').toString('base64url');
}

/** Decode a cursor made by `encodeCursor` for the same sort; anything else is a 400. */
export function decodeCursor(cursor: string, sort: string): CursorPosition {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(decoded) && decoded.length === 3 && decoded[0] === sort && typeof decoded[2] === 'string') {
      const value = decoded[1] as unknown;
      if (value === null || typeof value === 'string' || typeof value === 'number') {
        return { sort, value, key: decoded[2] };
      }
    }
  } catch {
    // Fall through: any undecodable cursor gets the same answer.
  }
  throw new ApiError(400, 'invalid_cursor', { cursor, sort });
}
