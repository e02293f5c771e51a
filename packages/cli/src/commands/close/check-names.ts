import { closeMessages } from './messages.js';

type Translate = (key: string, params?: Record<string, unknown>) => string;

/**
 * Name close checklist items for a summary line: the reader's words with the key that
 * `--accept` takes, such as 对账（reconciliations）. A check the CLI has no words for, or
 * whose words are its key, shows the key alone.
 */
export function checkNames(keys: readonly string[], t: Translate): string {
  return keys
    .map((key) => {
      const messageKey = `close.check.${key}`;
      if (!(messageKey in closeMessages.en)) return key;
      const name = t(messageKey);
      return name === key ? key : t('close.check.named', { name, key });
    })
    .join(', ');
}
