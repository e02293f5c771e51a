// Texts of the month-end close: the checklist's checks, the close refusal and the snapshot.
// Keys follow the core catalogue; both languages have the same keys and placeholders.
export const messages = {
  en: {
    'resource.period_snapshot': 'period snapshot',

    'error.close_checklist_failed.title': 'Month-end checklist not passed',
    'error.close_checklist_failed.detail':
      'Period {period} cannot be closed: these checks fail: {failing}. Fix them (see `boh close --period {period} --dry-run`), or, as finance, accept them with `boh close --period {period} --accept <key>`.',
    'field.close_check_unknown': 'no check of the month-end checklist is called "{value}"; the checks are {keys}',

    'close.orders_posted.passed': 'Every order and refund of {period} is in the books, and no sales import has rows left over.',
    'close.orders_posted.failed':
      '{orders} {orders:order|orders} and {refunds} {refunds:refund|refunds} of {period} have no journal entry, and {jobs} sales import {jobs:job is|jobs are} unfinished or {jobs:has|have} rejected rows. Post the orders again or fix the import files and import them again.',
    'close.trial_balance_balanced.passed': 'The trial balance of {period} balances: debits ¥{debit}, credits ¥{credit}.',
    'close.trial_balance_balanced.failed':
      'The trial balance of {period} does not balance: debits ¥{debit}, credits ¥{credit}, and {drift} account {drift:balance differs|balances differ} from {drift:its|their} journal lines. Check the entries of the period.',
    'close.stock_counts_posted.passed': 'No stock count of {period} is left in draft.',
    'close.stock_counts_posted.failed': '{count} stock {count:count|counts} of {period} {count:is still a draft|are still drafts}. Post them with `boh stock count post <id>` or cancel them.',
    'close.reconciliations.not_available': 'Reconciliations are not available on this server yet; this check does not block the close.',
    'close.reconciliations.no_channel_payments': 'The period has no WeChat Pay, Alipay or UnionPay payments to reconcile.',
    'close.reconciliations.none': 'No reconciliation of {period} has been run. Run `boh reconcile <channel> --period {period}` for each payment channel.',
    'close.reconciliations.passed': '{runs} {runs:reconciliation|reconciliations} of {period} ({channels}) {runs:has|have} no unexplained items.',
    'close.reconciliations.failed': 'The reconciliations of {period} have {unexplained} unexplained {unexplained:item|items}. Resolve them (`boh reconcile items`, `boh reconcile resolve`), or, as finance, accept them at the close with `boh close --period {period} --accept reconciliations`.',
    'close.previous_periods_closed.passed': 'Every earlier period with postings is closed.',
    'close.previous_periods_closed.failed': 'Earlier periods with postings are still open: {periods}. Close them first; this is a warning and does not block the close.',
  },
  'zh-CN': {
    'resource.period_snapshot': '期末快照',

    'error.close_checklist_failed.title': '月结检查未通过',
    'error.close_checklist_failed.detail':
      '期间 {period} 不能结账，以下检查未通过：{failing}。请先处理（见 `boh close --period {period} --dry-run`），或由财务用 `boh close --period {period} --accept <检查项>` 确认接受。',
    'field.close_check_unknown': '月结检查中没有名为“{value}”的检查项；检查项有 {keys}',

    'close.orders_posted.passed': '{period} 的订单和退款均已入账，销售导入没有遗留的行。',
    'close.orders_posted.failed':
      '{period} 有 {orders} 张订单、{refunds} 笔退款没有记账凭证，{jobs} 个销售导入任务未完成或有被拒绝的行。请重新过账这些订单，或修正导入文件后重新导入。',
    'close.trial_balance_balanced.passed': '{period} 的科目余额表平衡：借方 ¥{debit}，贷方 ¥{credit}。',
    'close.trial_balance_balanced.failed': '{period} 的科目余额表不平衡：借方 ¥{debit}，贷方 ¥{credit}；另有 {drift} 个科目余额与凭证分录不符。请检查本期凭证。',
    'close.stock_counts_posted.passed': '{period} 没有未过账的盘点单。',
    'close.stock_counts_posted.failed': '{period} 有 {count} 张盘点单仍是草稿。请用 `boh stock count post <编号>` 过账或作废。',
    'close.reconciliations.not_available': '本服务器尚未提供对账功能；此项不影响结账。',
    'close.reconciliations.no_channel_payments': '本期没有需要对账的微信支付、支付宝或银联收款。',
    'close.reconciliations.none': '{period} 还没有运行过对账。请对每个支付渠道运行 `boh reconcile <渠道> --period {period}`。',
    'close.reconciliations.passed': '{period} 的 {runs} 次对账（{channels}）没有未解释的差异。',
    'close.reconciliations.failed': '{period} 的对账有 {unexplained} 项未解释的差异。请处理这些差异（`boh reconcile items`、`boh reconcile resolve`），或由财务在结账时用 `boh close --period {period} --accept reconciliations` 确认接受。',
    'close.previous_periods_closed.passed': '之前有凭证的期间均已结账。',
    'close.previous_periods_closed.failed': '之前仍有未结账的期间：{periods}。建议先结这些期间；此项只是提醒，不影响结账。',
  },
} as const;
