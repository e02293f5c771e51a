import secureJson from 'secure-json-parse';
import { ApiError } from './api-error.js';

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Deeper nesting than any BOH body needs; deeper input would exhaust the validator's stack. */
export const MAX_JSON_DEPTH = 64;

/**
 * Parse a JSON request body from its bytes. The bytes must be UTF-8 (a leading BOM, as Windows
 * editors write, is dropped); an empty body counts as no body; keys such as __proto__ are
 * rejected so a body cannot alter object prototypes.
 */
export function parseJsonBody(bytes: Buffer, contentType: string | undefined): unknown {
  const charset = /charset\s*=\s*"?([\w-]+)/i.exec(contentType ?? '')?.[1]?.toLowerCase();
  if (charset && charset !== 'utf-8' && charset !== 'utf8') {
    throw new ApiError(415, 'unsupported_charset', { charset });
  }

  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    throw new ApiError(400, 'invalid_utf8', {});
  }
  text = text.replace(/^\ufeff/, '').trim();
  if (text === '') return undefined;

  if (nestingDepth(text) > MAX_JSON_DEPTH) throw new ApiError(400, 'json_too_deep', { limit: MAX_JSON_DEPTH });
  try {
    return secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch (error) {
    throw new ApiError(400, 'invalid_json', { reason: (error as Error).message });
  }
}

/** The deepest nesting of arrays and objects in JSON text, ignoring brackets inside strings. */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 92 /* \ */) i++;
      else if (char === 34 /* " */) inString = false;
    } else if (char === 34) inString = true;
    else if (char === 91 /* [ */ || char === 123 /* { */) deepest = Math.max(deepest, ++depth);
    else if (char === 93 /* ] */ || char === 125 /* } */) depth--;
  }
  return deepest;
}
