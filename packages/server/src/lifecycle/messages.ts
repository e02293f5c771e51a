// Server messages of the store lifecycle and site selection, in both languages with the same
// keys and placeholders. `stage.*` and `closing_guard.*` are labels used inside other messages.
export const messages = {
  en: {
    'resource.checklist_item': 'checklist item',
    'resource.site_attributes': 'site attributes',
    'resource.construction_budget': 'construction budget',

    'stage.site_selection': 'site selection (site_selection)',
    'stage.construction': 'construction (construction)',
    'stage.pre_opening': 'pre-opening (pre_opening)',
    'stage.operating': 'operating (operating)',
    'stage.renovating': 'renovating (renovating)',
    'stage.closing': 'closing (closing)',
    'stage.closed': 'closed (closed)',
    'stage.rejected': 'rejected (rejected)',
    'stage.none': 'none, this stage is final',

    'closing_guard.assets_in_service': 'assets not yet moved or disposed',
    'closing_guard.employees_assigned': 'employees still assigned to the store',
    'closing_guard.stock_on_hand': 'items with stock on hand; transfer them out (`boh stock transfer`), write them off (`boh stock waste`) or count a negative balance to zero',
    'closing_guard.open_repair_tickets': 'repair tickets not closed; resolve and close them, or cancel them (`boh ticket transition <code> resolved|closed|cancelled`)',
    'lifecycle.closing_blocker': '{guard} ({count}): {items}',

    'error.transition_not_allowed.title': 'Move not allowed',
    'error.transition_not_allowed.detail':
      'Store "{store_code}" is in {from_label} and cannot move to {to_label}. Allowed from here: {allowed_labels}.',
    'error.checklist_incomplete.title': 'Checklist not complete',
    'error.checklist_incomplete.detail':
      'Store "{store_code}" cannot leave {stage_label} for {to_label}: {count} mandatory checklist {count:item is|items are} open: {items}. Tick them with `boh store checklist {store_code} --tick <key>`, or have an admin override with a reason (--override "<reason>").',
    'error.override_not_allowed.title': 'Override not allowed',
    'error.override_not_allowed.detail':
      'Role "{role}" may not override open checklist items ({items}) of store "{store_code}". Roles that may: {allowed}. Tick the items, or ask one of them.',
    'error.closing_blocked.title': 'Store cannot close yet',
    'error.closing_blocked.detail':
      'Store "{store_code}" cannot move to closed while {count} {count:record still ties|records still tie} it to operations: {summary}. Move, dispose or close them first; no override lifts this check.',
    'error.checklist_item_not_found.title': 'Checklist item not found',
    'error.checklist_item_not_found.detail':
      'The {stage_label} checklist of store "{store_code}" has no item "{key}". Its items: {keys}.',
    'error.checklist_role_not_allowed.title': 'Not allowed to tick this item',
    'error.checklist_role_not_allowed.detail':
      'Role "{role}" may not change checklist item "{key}" of store "{store_code}". Roles that may: admin, {allowed}.',
    'error.stage_not_visited.title': 'Stage never entered',
    'error.stage_not_visited.detail':
      'Store "{store_code}" has never been in {stage_label}, so it has no checklist for it. Its current stage is {current_label}.',
    'error.cost_reference_taken.title': 'Reference already recorded',
    'error.cost_reference_taken.detail':
      'Store "{store_code}" already has a construction cost with reference "{reference}" (entry {id}). An invoice is recorded once; correct an entry with one of the opposite amount and its own reference.',
    'error.site_model_not_enough_stores.title': 'Not enough stores to fit the site model',
    'error.site_model_not_enough_stores.detail':
      'The site-selection model needs at least {needed} stores with sales and site attributes between {from} and {to}; {used} qualify. Left out: {no_sales} without sales, {few_months} with fewer than {min_months} {min_months:month|months} of at least {min_days_per_month} trading days, {no_area} without area_m2, {no_attributes} without complete site attributes, {no_coordinates} without coordinates. Enter attributes with `boh site attributes`, or widen the window with --from and --to.',
    'error.site_attributes_not_found.title': 'No site attributes',
    'error.site_attributes_not_found.detail':
      'Store "{store_code}" has no site attributes yet. Enter them with `boh site attributes {store_code} --rent <yuan per m² per month> --footfall <people per day> …`.',
    'error.site_window_invalid.title': 'Invalid sales window',
    'error.site_window_invalid.detail': 'The sales window from {from} to {to} is empty: "from" must not be after "to".',
    'error.lifecycle_period_invalid.title': 'Invalid period',
    'error.lifecycle_period_invalid.detail': 'The period from {from} to {to} is empty: "from" must not be after "to".',

    'field.effective_in_future': 'must not be after today in the store’s time zone ({today})',
    'field.effective_before_stage': 'must not be before the store entered {stage} on {started_on}',
    'field.evidence_required': 'is required to tick this item: give a licence number, document number or link',
    'field.amount_zero': 'must not be 0; record a real amount, or a negative one to correct an entry',
    'field.duplicate_category': 'category "{value}" is listed more than once; give one line per category',
  },
  'zh-CN': {
    'resource.checklist_item': '检查事项',
    'resource.site_attributes': '选址属性',
    'resource.construction_budget': '筹建预算',

    'stage.site_selection': '选址（site_selection）',
    'stage.construction': '筹建（construction）',
    'stage.pre_opening': '开业筹备（pre_opening）',
    'stage.operating': '运营（operating）',
    'stage.renovating': '调优/装修（renovating）',
    'stage.closing': '闭店中（closing）',
    'stage.closed': '已闭店（closed）',
    'stage.rejected': '已否决（rejected）',
    'stage.none': '无，此阶段为终态',

    'closing_guard.assets_in_service': '尚未调拨或报废的设备',
    'closing_guard.employees_assigned': '仍归属该门店的员工',
    'closing_guard.stock_on_hand': '仍有库存的物料；请调出（`boh stock transfer`）、报损（`boh stock waste`），负库存请盘点归零',
    'closing_guard.open_repair_tickets': '未关闭的维修工单；请解决并关闭，或取消（`boh ticket transition <code> resolved|closed|cancelled`）',
    'lifecycle.closing_blocker': '{guard}（{count}）：{items}',

    'error.transition_not_allowed.title': '不允许的阶段变更',
    'error.transition_not_allowed.detail':
      '门店“{store_code}”处于{from_label}，不能转到{to_label}。当前可转到：{allowed_labels}。',
    'error.checklist_incomplete.title': '检查清单未完成',
    'error.checklist_incomplete.detail':
      '门店“{store_code}”不能从{stage_label}转到{to_label}：还有 {count} 个必办事项未完成：{items}。请用 `boh store checklist {store_code} --tick <key>` 勾选，或由管理员填写原因强制通过（--override "<原因>"）。',
    'error.override_not_allowed.title': '无权强制通过',
    'error.override_not_allowed.detail':
      '角色“{role}”无权对门店“{store_code}”未完成的必办事项（{items}）强制通过。有权的角色：{allowed}。请先完成这些事项，或请有权的人操作。',
    'error.closing_blocked.title': '门店暂不能闭店',
    'error.closing_blocked.detail':
      '门店“{store_code}”还有 {count} 条记录与经营相关，不能转为已闭店：{summary}。请先调拨、报废或关闭这些记录；此项检查不能强制通过。',
    'error.checklist_item_not_found.title': '检查事项不存在',
    'error.checklist_item_not_found.detail':
      '门店“{store_code}”的{stage_label}检查清单中没有事项“{key}”。可用事项：{keys}。',
    'error.checklist_role_not_allowed.title': '无权勾选该事项',
    'error.checklist_role_not_allowed.detail':
      '角色“{role}”无权修改门店“{store_code}”的检查事项“{key}”。有权的角色：admin、{allowed}。',
    'error.stage_not_visited.title': '门店未经历该阶段',
    'error.stage_not_visited.detail':
      '门店“{store_code}”从未处于{stage_label}，因此没有该阶段的检查清单。当前阶段为{current_label}。',
    'error.cost_reference_taken.title': '单据号已录入',
    'error.cost_reference_taken.detail':
      '门店“{store_code}”已有单据号为“{reference}”的筹建支出（记录 {id}）。同一发票只录入一次；如需更正，请录入一笔金额相反、单据号不同的记录。',
    'error.site_model_not_enough_stores.title': '门店数据不足，无法拟合选址模型',
    'error.site_model_not_enough_stores.detail':
      '选址模型在 {from} 至 {to} 期间至少需要 {needed} 家同时有销售数据和选址属性的门店，目前只有 {used} 家符合。未采用的门店：无销售 {no_sales} 家，营业满 {min_days_per_month} 天的月份少于 {min_months} 个的 {few_months} 家，缺面积（area_m2）{no_area} 家，选址属性不全 {no_attributes} 家，缺坐标 {no_coordinates} 家。请用 `boh site attributes` 录入属性，或用 --from 和 --to 放宽期间。',
    'error.site_attributes_not_found.title': '尚无选址属性',
    'error.site_attributes_not_found.detail':
      '门店“{store_code}”尚未录入选址属性。请用 `boh site attributes {store_code} --rent <元/㎡/月> --footfall <人/天> …` 录入。',
    'error.site_window_invalid.title': '销售期间无效',
    'error.site_window_invalid.detail': '销售期间 {from} 至 {to} 为空：起始日期不能晚于结束日期。',
    'error.lifecycle_period_invalid.title': '期间无效',
    'error.lifecycle_period_invalid.detail': '期间 {from} 至 {to} 为空：起始日期不能晚于结束日期。',

    'field.effective_in_future': '不能晚于门店所在时区的今天（{today}）',
    'field.effective_before_stage': '不能早于门店进入{stage}的日期 {started_on}',
    'field.evidence_required': '勾选该事项须填写凭证：许可证号、单据号或链接',
    'field.amount_zero': '不能为 0；请录入实际金额，更正时录入负数',
    'field.duplicate_category': '类别“{value}”重复出现；每个类别只填一行',
  },
} as const;
