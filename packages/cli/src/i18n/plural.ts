// English count nouns in message templates: `{count} {count:row|rows}` gives "1 row" and "3 rows".
// Chinese has no plural, so zh-CN templates need no such placeholder.

const PLURAL = /\{([A-Za-z0-9_]+):([^|{}]*)\|([^{}]*)\}/g;

/**
 * Replace each `{name:singular|plural}` by the singular when the parameter is 1 and by the plural
 * otherwise. A placeholder whose parameter is missing is left as written, as other ones are.
 */
export function choosePlurals(template: string, params: Readonly<Record<string, unknown>>): string {
  return template.replace(PLURAL, (whole, name: string, singular: string, plural: string) => {
    if (!(name in params)) return whole;
    return Number(params[name]) === 1 ? singular : plural;
  });
}
