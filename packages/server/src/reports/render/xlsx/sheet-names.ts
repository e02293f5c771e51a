// Worksheet names that Excel accepts: at most 31 characters, none of : \ / ? * [ ], no leading
// or trailing apostrophe, unique without regard to case, and not the reserved name "History".

const MAX_LENGTH = 31;
const RESERVED = new Set(['history']);

/** Hands out valid, unique sheet names in the order they are asked for. */
export class SheetNamer {
  private readonly used = new Set<string>();

  /** Return a valid name close to `wanted`; `numbered` builds the variant for the nth duplicate. */
  name(wanted: string, numbered: (base: string, number: number) => string): string {
    const base = clean(wanted) || 'Sheet';
    for (let number = 1; ; number += 1) {
      const candidate = number === 1 ? base : fitted(base, numbered, number);
      const folded = candidate.toLowerCase();
      if (!this.used.has(folded) && !RESERVED.has(folded)) {
        this.used.add(folded);
        return candidate;
      }
    }
  }
}

function clean(name: string): string {
  const replaced = name.replace(/[:\\/?*[\]\u0000-\u001f]/g, '_').trim().replace(/^'+|'+$/g, '');
  return truncate(replaced, MAX_LENGTH);
}

function fitted(base: string, numbered: (base: string, number: number) => string, number: number): string {
  // Shorten the base, not the number, until the numbered name fits.
  let shortened = base;
  let candidate = numbered(shortened, number);
  while (Array.from(candidate).length > MAX_LENGTH && shortened.length > 0) {
    shortened = truncate(shortened, Array.from(shortened).length - 1);
    candidate = numbered(shortened, number);
  }
  return clean(candidate);
}

function truncate(text: string, length: number): string {
  return Array.from(text).slice(0, length).join('');
}
