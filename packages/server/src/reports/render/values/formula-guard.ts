// Spreadsheet programs (Excel, WPS, LibreOffice) may run a text that starts with one of these
// characters as a formula when they open a CSV file, which lets a store name like
// `=HYPERLINK(...)` send data elsewhere.

export const FORMULA_TRIGGER_CHARACTERS = ['=', '+', '-', '@', '\t', '\r'] as const;

/** Return true when a spreadsheet would read `text` as the start of a formula. */
export function startsLikeFormula(text: string): boolean {
  return (FORMULA_TRIGGER_CHARACTERS as readonly string[]).includes(text.charAt(0));
}
