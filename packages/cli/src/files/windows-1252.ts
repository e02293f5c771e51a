// Characters U+0080–U+009F are C1 control codes, which no real text uses. In exported files
// they almost always come from Windows-1252 text read as Latin-1: the bytes 0x80–0x9F of
// Windows-1252 are printable (0x92 is ’, 0x96 is –), so each such control is mapped back to the
// character the author typed. Five bytes are undefined in Windows-1252 and stay unmapped.
const WINDOWS_1252: Readonly<Record<number, string>> = {
  0x80: '€', 0x82: '‚', 0x83: 'ƒ', 0x84: '„', 0x85: '…', 0x86: '†', 0x87: '‡', 0x88: 'ˆ', 0x89: '‰',
  0x8a: 'Š', 0x8b: '‹', 0x8c: 'Œ', 0x8e: 'Ž', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•',
  0x96: '–', 0x97: '—', 0x98: '˜', 0x99: '™', 0x9a: 'š', 0x9b: '›', 0x9c: 'œ', 0x9e: 'ž', 0x9f: 'Ÿ',
};

const C1 = /[\u0080-\u009f]/g;
const HAS_C1 = /[\u0080-\u009f]/;

/**
 * Replace C1 control characters by the Windows-1252 characters they stand for. Returns the text
 * and whether anything was replaced, so the caller can warn about the repair.
 */
export function repairWindows1252Controls(text: string): { text: string; repaired: boolean } {
  if (!HAS_C1.test(text)) return { text, repaired: false };
  let repaired = false;
  const result = text.replace(C1, (char) => {
    const replacement = WINDOWS_1252[char.charCodeAt(0)];
    if (replacement === undefined) return char;
    repaired = true;
    return replacement;
  });
  return { text: result, repaired };
}
