import { valueLabel } from '../reports/value-labels.js';
import type { Language } from './language.js';
import { translate } from './messages.js';

/**
 * The source of an enumerated value's label: a catalogue key prefix (`status.label.` +
 * `resolved`), or `values.json` for the values whose labels the CLI and the reports share.
 * A list param whose values are alternatives (`integer` or `null`) is joined with "or".
 */
type LabelSource = { prefix: string; alternatives?: boolean } | 'values.json';

const JSON_TYPE: LabelSource = { prefix: 'label.json_type.', alternatives: true };

const PERIOD_STATUS: LabelSource = { prefix: 'label.period_status.' };
const PERIOD_ACTION: LabelSource = { prefix: 'label.period_action.' };
const SOURCE_TYPE: LabelSource = { prefix: 'label.source_type.' };
const TICKET_STATUS: LabelSource = { prefix: 'status.label.' };
const TICKET_STEP: LabelSource = { prefix: 'transition.label.' };
const STAGE: LabelSource = { prefix: 'stage.' };

/**
 * The params that carry an enumerated value, such as a status, by error or field code (for
 * `error.<code>.detail` and `field.<code>`) or by the key of another message. Messages show
 * these values by their label in the reader's language, while a problem's `params` keep the raw
 * values for programs.
 */
export const ENUM_PARAMS: Readonly<Record<string, Readonly<Record<string, LabelSource>>>> = {
  period_closed: { status: PERIOD_STATUS },
  period_transition_invalid: { status: PERIOD_STATUS, action: PERIOD_ACTION, allowed_from: PERIOD_STATUS },
  ticket_settlement_period_closed: { status: PERIOD_STATUS },
  journal_unbalanced: { source_type: SOURCE_TYPE },
  entry_from_subledger: { source_type: SOURCE_TYPE },
  ticket_transition_invalid: { status: TICKET_STATUS, to: TICKET_STEP, allowed: TICKET_STEP },
  ticket_finished: { status: TICKET_STATUS },
  sla_event_invalid_transition: { state: { prefix: 'label.sla_state.' } },
  import_job_closed: { status: { prefix: 'label.import_job_status.' } },
  stock_count_not_draft: { status: { prefix: 'label.stock_count_status.' } },
  value_not_allowed: { kind: { prefix: 'label.stock_document_kind.' } },
  effective_before_stage: { stage: STAGE },
  item_not_resolvable: { state: 'values.json' },
  statement_channel_mismatch: { channel: 'values.json', expected: 'values.json' },
  reconciliation_bank_only: { channel: 'values.json' },
  statement_duplicate: { by: { prefix: 'label.statement_match.' } },
  footfall_mixed: { existing: { prefix: 'label.footfall_kind.' } },
  'dispatch.skipped': { status: TICKET_STATUS },
  'summary.other': { source: SOURCE_TYPE },
  type: { expected: JSON_TYPE, actual: JSON_TYPE },
  format: { format: { prefix: 'label.format.' } },
};

/** Return the label of one enumerated value, or the value itself when it has none. */
function enumLabel(source: LabelSource, value: string, language: Language): string {
  if (source === 'values.json') return valueLabel(value, language);
  const key = `${source.prefix}${value}`;
  const label = translate(language, key);
  return label === key ? value : label;
}

/**
 * Replace the enumerated values among the params of message `code` by their labels. A list
 * param is labelled item by item and joined as the language joins lists.
 */
export function labelEnumParams(code: string, params: Record<string, unknown>, language: Language): Record<string, unknown> {
  const sources = ENUM_PARAMS[code];
  if (sources === undefined) return params;
  const labelled = { ...params };
  for (const [name, source] of Object.entries(sources)) {
    const value = params[name];
    if (typeof value === 'string') labelled[name] = enumLabel(source, value, language);
    if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
      const alternatives = source !== 'values.json' && source.alternatives === true;
      const chinese = language === 'zh-CN';
      let separator = chinese ? '、' : ', ';
      if (alternatives) separator = chinese ? '或' : ' or ';
      labelled[name] = value.map((item: string) => enumLabel(source, item, language)).join(separator);
    }
  }
  return labelled;
}
