// Texts of the repair-ticket SLA clock. Keys: `error.<code>` for an SlaError or one of its
// issues; `clock.*`, `phase.*`, `status.*`, `pause.*`, `state.*` and `label.*` for labels;
// `summary.*` for one-line clock summaries. Placeholders are `{name}`, and both languages have
// the same keys and placeholders.
export const messages = {
  en: {
    'error.sla_instant_invalid':
      '{field} is "{value}", which is not a valid instant. Send an ISO 8601 time with Z or an offset (2024-03-04T09:00:00+08:00) or epoch milliseconds.',
    'error.sla_calendar_invalid':
      'The business calendar has {count} invalid {count:field|fields}: {fields}. Correct them and send the whole calendar again.',
    'error.sla_calendar_time_zone_invalid':
      'Time zone "{value}" is not an IANA time zone. Use a name such as Asia/Shanghai.',
    'error.sla_calendar_time_invalid':
      'Business-hours time "{value}" is invalid. Write HH:MM from 00:00 to 23:59; an end time may also be 24:00.',
    'error.sla_calendar_hours_empty':
      'Business hours from {start} to {end} are empty. For 24 hours write start 00:00 and end 24:00.',
    'error.sla_calendar_weekday_invalid':
      '"{value}" is not a weekday. Use one of: {allowed}.',
    'error.sla_calendar_date_invalid':
      'Date "{value}" is invalid. Write a local date as YYYY-MM-DD.',
    'error.sla_calendar_date_conflict':
      '{date} is listed both as a holiday and as an extra working day. Keep it in one list only.',
    'error.sla_calendar_extra_day_without_hours':
      'Extra working day {date} takes the business hours of {weekday}, which has none. Set hoursOf to a weekday with business hours, or give hours.',
    'error.sla_calendar_always_open_with_hours':
      'A calendar that is open 24x7 cannot also list weekly business hours. Remove alwaysOpen or weeklyHours.',
    'error.sla_calendar_no_working_time':
      'The business calendar has no business hours in the {days} days after {from}, so no due time can be computed. Add business hours or remove holidays.',
    'error.sla_due_beyond_horizon':
      'The target is not reached within {days} days after {from}. Lower the target or add business hours.',
    'error.sla_policy_invalid':
      'The SLA policy has {count} invalid {count:field|fields}: {fields}. Correct them and send the whole policy again.',
    'error.sla_target_minutes_invalid':
      'Target "{value}" is invalid. Give whole minutes from 0 to {max}.',
    'error.sla_warn_percent_invalid':
      'Warning threshold "{value}" is invalid. Give a whole percentage from 0 to 100.',
    'error.sla_policy_option_invalid':
      '"{value}" is not allowed here. Use one of: {allowed}.',
    'error.sla_policy_rule_duplicate':
      'More than one rule matches priority "{priority}" and category "{category}". Keep one rule per combination.',
    'error.sla_target_not_found':
      'No SLA rule matches priority "{priority}" and category "{category}". Add a rule for them or a default rule without priority and category.',
    'error.sla_timeline_invalid':
      'The ticket timeline has {count} invalid {count:event|events}: {fields}. Nothing was computed.',
    'error.sla_timeline_empty':
      'The ticket timeline has no events. It must start with a created event.',
    'error.sla_timeline_created_missing':
      'The first event is "{type}"; a ticket timeline must start with a created event.',
    'error.sla_event_type_unknown':
      'Event type "{value}" is unknown. Use one of: {allowed}.',
    'error.sla_event_out_of_order':
      'Event {index} at {at} is earlier than the event before it at {previous_at}. Send events in the order they happened.',
    'error.sla_event_duplicate':
      'Event {index} repeats event {first_index}. Send each event once.',
    'error.sla_event_invalid_transition':
      'Event {index} ({type}) is not allowed while the ticket is {state}.',
    'error.sla_event_assignee_missing':
      'Event {index} assigns the ticket but names no assignee. Set assignee.',
    'error.sla_event_not_assigned':
      'Event {index} ({type}) comes before the ticket was assigned. Send an assigned event first.',
    'error.sla_event_already_paused':
      'Event {index} pauses the clock for {reason}, but it is already paused for {reason}.',
    'error.sla_event_not_paused':
      'Event {index} resumes the clock, but it is not paused.',
    'error.sla_event_not_paused_for_reason':
      'Event {index} resumes the clock after {reason}, but it is not paused for {reason}.',
    'error.sla_event_reason_invalid':
      'Pause reason "{value}" is unknown. Use one of: {allowed}.',
    'error.sla_now_before_created':
      'The evaluation time {now} is earlier than the ticket creation at {created_at}.',

    'clock.response': 'Response time limit',
    'clock.resolution': 'Resolution time limit',
    'clock.acceptance': 'Acceptance time limit',
    'clock.arrival': 'On-site time limit',
    'phase.running': 'running',
    'phase.paused': 'paused',
    'phase.stopped': 'stopped',
    'status.on_track': 'on track',
    'status.at_risk': 'at risk',
    'status.met': 'met',
    'status.breached': 'breached',
    'status.cancelled': 'cancelled',
    'pause.parts': 'waiting for parts',
    'pause.store': 'waiting for the store',
    'state.open': 'open',
    'state.resolved': 'resolved',
    'state.closed': 'closed',
    'state.cancelled': 'cancelled',
    'label.business_hours': 'business hours',
    'label.reopened': 'reopened',
    'summary.running': '{clock}: {remaining} min left, due {due_at}.',
    'summary.paused': '{clock} paused ({reason}): {remaining} min left.',
    'summary.at_risk': '{clock} at risk: {remaining} min left, due {due_at}.',
    'summary.breached': '{clock} breached at {breached_at}, {overdue} min over.',
    'summary.met': '{clock} met: {used} of {target} min used.',
    'summary.cancelled': '{clock} stopped because the ticket was cancelled.',
    'summary.reopened': 'Ticket reopened {count} {count:time|times}; time between resolution and reopening is not charged.',
  },
  'zh-CN': {
    'error.sla_instant_invalid':
      '{field} 的值 "{value}" 不是有效的时间。请使用带 Z 或时区偏移的 ISO 8601 时间（如 2024-03-04T09:00:00+08:00）或毫秒时间戳。',
    'error.sla_calendar_invalid':
      '营业时间日历有 {count} 个字段无效：{fields}。请更正后重新提交完整日历。',
    'error.sla_calendar_time_zone_invalid':
      '时区 "{value}" 不是 IANA 时区名称，请使用如 Asia/Shanghai 的名称。',
    'error.sla_calendar_time_invalid':
      '营业时间 "{value}" 格式无效，请写成 00:00 至 23:59 的 HH:MM；结束时间也可以是 24:00。',
    'error.sla_calendar_hours_empty':
      '营业时间 {start} 至 {end} 为空。全天营业请写开始 00:00、结束 24:00。',
    'error.sla_calendar_weekday_invalid':
      '"{value}" 不是星期名称，请使用：{allowed}。',
    'error.sla_calendar_date_invalid':
      '日期 "{value}" 无效，请按 YYYY-MM-DD 填写门店当地日期。',
    'error.sla_calendar_date_conflict':
      '{date} 同时列为节假日和调休工作日，请只保留其一。',
    'error.sla_calendar_extra_day_without_hours':
      '调休工作日 {date} 按 {weekday} 的营业时间计算，但该日没有营业时间。请将 hoursOf 设为有营业时间的星期，或直接填写 hours。',
    'error.sla_calendar_always_open_with_hours':
      '全天候（24x7）日历不能同时列出每周营业时间，请删除 alwaysOpen 或 weeklyHours 之一。',
    'error.sla_calendar_no_working_time':
      '营业时间日历在 {from} 之后 {days} 天内没有任何营业时间，无法计算截止时间。请补充营业时间或删除节假日。',
    'error.sla_due_beyond_horizon':
      '在 {from} 之后 {days} 天内无法达到时限目标。请降低目标或增加营业时间。',
    'error.sla_policy_invalid':
      'SLA 策略有 {count} 个字段无效：{fields}。请更正后重新提交完整策略。',
    'error.sla_target_minutes_invalid':
      '时限目标 "{value}" 无效，请填写 0 至 {max} 的整数分钟。',
    'error.sla_warn_percent_invalid':
      '预警阈值 "{value}" 无效，请填写 0 至 100 的整数百分比。',
    'error.sla_policy_option_invalid':
      '此处不允许 "{value}"，请使用：{allowed}。',
    'error.sla_policy_rule_duplicate':
      '有多条规则同时匹配优先级 "{priority}" 和类别 "{category}"，每种组合只保留一条规则。',
    'error.sla_target_not_found':
      '没有 SLA 规则匹配优先级 "{priority}" 和类别 "{category}"。请为其添加规则，或添加不指定优先级和类别的默认规则。',
    'error.sla_timeline_invalid':
      '工单时间线有 {count} 个无效事件：{fields}。未进行任何计算。',
    'error.sla_timeline_empty':
      '工单时间线没有事件，第一个事件必须是 created（创建）。',
    'error.sla_timeline_created_missing':
      '第一个事件是 "{type}"，工单时间线必须以 created（创建）事件开始。',
    'error.sla_event_type_unknown':
      '事件类型 "{value}" 未知，请使用：{allowed}。',
    'error.sla_event_out_of_order':
      '第 {index} 个事件的时间 {at} 早于前一个事件的时间 {previous_at}。请按发生顺序提交事件。',
    'error.sla_event_duplicate':
      '第 {index} 个事件与第 {first_index} 个事件重复，每个事件只提交一次。',
    'error.sla_event_invalid_transition':
      '工单处于“{state}”状态时不允许第 {index} 个事件（{type}）。',
    'error.sla_event_assignee_missing':
      '第 {index} 个事件派单但未指定处理人，请填写 assignee。',
    'error.sla_event_not_assigned':
      '第 {index} 个事件（{type}）发生在派单之前，请先提交 assigned（派单）事件。',
    'error.sla_event_already_paused':
      '第 {index} 个事件因{reason}暂停计时，但计时已因{reason}暂停。',
    'error.sla_event_not_paused':
      '第 {index} 个事件恢复计时，但计时并未暂停。',
    'error.sla_event_not_paused_for_reason':
      '第 {index} 个事件结束{reason}并恢复计时，但计时并未因{reason}暂停。',
    'error.sla_event_reason_invalid':
      '暂停原因 "{value}" 未知，请使用：{allowed}。',
    'error.sla_now_before_created':
      '计算时间 {now} 早于工单创建时间 {created_at}。',

    'clock.response': '响应时限',
    'clock.resolution': '解决时限',
    'clock.acceptance': '接单时限',
    'clock.arrival': '到场时限',
    'phase.running': '计时中',
    'phase.paused': '暂停',
    'phase.stopped': '已停止',
    'status.on_track': '正常',
    'status.at_risk': '即将超时',
    'status.met': '达标',
    'status.breached': '超时',
    'status.cancelled': '已取消',
    'pause.parts': '等待配件',
    'pause.store': '等待门店',
    'state.open': '处理中',
    'state.resolved': '已解决',
    'state.closed': '已关闭',
    'state.cancelled': '已取消',
    'label.business_hours': '营业时间',
    'label.reopened': '重新打开',
    'summary.running': '{clock}：剩余 {remaining} 分钟，截止 {due_at}。',
    'summary.paused': '{clock}暂停（{reason}）：剩余 {remaining} 分钟。',
    'summary.at_risk': '{clock}即将超时：剩余 {remaining} 分钟，截止 {due_at}。',
    'summary.breached': '{clock}已于 {breached_at} 超时，超出 {overdue} 分钟。',
    'summary.met': '{clock}达标：已用 {used} / {target} 分钟。',
    'summary.cancelled': '{clock}已停止：工单已取消。',
    'summary.reopened': '工单已重新打开 {count} 次；解决至重新打开之间的时间不计入时限。',
  },
} as const;

export type SlaMessageKey = keyof (typeof messages)['en'];

type ErrorKey = Extract<SlaMessageKey, `error.${string}`>;

/** The stable codes of SlaError and of its issues, one per `error.*` message. */
export type SlaErrorCode = ErrorKey extends `error.${infer Code}` ? Code : never;
