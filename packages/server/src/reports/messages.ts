// Texts of reports, report runs, footfall counts and labour hours. Keys follow the core
// catalogue; both languages have the same keys and placeholders.
export const messages = {
  en: {
    'resource.report': 'report',
    'resource.report_run': 'report run',

    'error.report_scope_required.title': 'Store required',
    'error.report_scope_required.detail': 'This token is limited to stores {allowed}, so a report run must name one of them in store_code.',

    'field.unknown_report': '"{value}" is not a report of the catalogue; use one of {allowed}',
    'field.unknown_section': '"{value}" is not a section of report {report}; use one of {allowed}',
    'field.footfall_mixed': 'store "{store}" has {existing} counts for {date} already; a store day holds one whole-day count or hourly counts, not both',
    'label.footfall_kind.hourly': 'hourly',
    'label.footfall_kind.whole-day': 'whole-day',
    'field.duplicate_entry': 'repeats entry {first} (same store, date and {key})',
  },
  'zh-CN': {
    'resource.report': '报表',
    'resource.report_run': '报表运行记录',

    'error.report_scope_required.title': '需要指定门店',
    'error.report_scope_required.detail': '此令牌仅限门店 {allowed}，运行报表时须在 store_code 中指定其中一家。',

    'field.unknown_report': '"{value}" 不在报表目录中，可选：{allowed}',
    'field.unknown_section': '"{value}" 不是报表 {report} 的分节，可选：{allowed}',
    'field.footfall_mixed': '门店“{store}”在 {date} 已有{existing}客流数据；同一门店同一天只能录入全天客流或分时客流之一',
    'label.footfall_kind.hourly': '分时',
    'label.footfall_kind.whole-day': '全天',
    'field.duplicate_entry': '与第 {first} 条重复（门店、日期和{key}相同）',
  },
} as const;
