// Messages of import jobs in English and Simplified Chinese, with the same keys in each.
export const importMessages = {
  en: {
    'resource.import_job': 'import job',

    'error.import_job_closed.title': 'Import job finished',
    'error.import_job_closed.detail': 'Import job {id} is {status} and accepts no more batches. Start a new import of the file; rows already imported will come out unchanged.',
    'error.import_batch_conflict.title': 'Batch already committed with other rows',
    'error.import_batch_conflict.detail': 'Batch {sequence} of import job {id} was committed with other rows. A resumed import must read the same file with the same mapping; start a new job if the file changed.',
    'error.import_role_not_allowed.title': 'Not allowed to import this resource',
    'error.import_role_not_allowed.detail': 'Role "{role}" may not create {resource} records, so it may not import them. Roles that may: {allowed}.',

    'field.import_unknown_match_field': '"{value}" is not a field of {resource} that records can be matched on; use one of {allowed}',
    'field.import_match_field_missing': 'is needed to find the record, because the import matches on {fields}',
    'field.import_ambiguous_match': '{count} records have the same {fields} ({codes}); match on more fields or import by code',
    'field.import_match_code_mismatch': 'is "{value}", but the record with the same {fields} has code "{matched}"; correct the code or the matched fields',
    'field.import_match_code_taken': 'code "{value}" belongs to a record whose {fields} differ from this row; correct the code or the matched fields',
    'field.import_record_missing': 'no record has the key "{key}", and an update import changes existing records only; import in upsert mode to create it',
    'field.import_record_exists': 'a record with the key "{key}" exists with other values ({fields}), and an insert import never changes records; import in upsert mode to update it',
    'field.import_field_not_updatable': 'cannot be changed by an import (stored: {stored}, file: {value}); change it with its own command',
    'field.import_mode_not_supported': '{resource} cannot be imported in mode "{value}"; use one of {allowed}',
    'field.import_order_conflict': 'order "{value}" was posted before with other values in {fields}; a posted order is never changed, so post a refund for it or give the new order another number',
  },
  'zh-CN': {
    'resource.import_job': '导入任务',

    'error.import_job_closed.title': '导入任务已结束',
    'error.import_job_closed.detail': '导入任务 {id} 的状态为 {status}，不再接收批次。请重新导入该文件，已导入的行会显示为未变化。',
    'error.import_batch_conflict.title': '批次已按其他数据提交',
    'error.import_batch_conflict.detail': '导入任务 {id} 的第 {sequence} 批已按其他行提交。续传时必须使用同一个文件和同一套字段对应；如果文件已改变，请新建导入任务。',
    'error.import_role_not_allowed.title': '无权导入此类数据',
    'error.import_role_not_allowed.detail': '角色“{role}”不能创建{resource}，因此也不能导入。可以导入的角色：{allowed}。',

    'field.import_unknown_match_field': '“{value}”不是{resource}可用于匹配记录的字段，请使用：{allowed}',
    'field.import_match_field_missing': '按 {fields} 匹配记录时必须填写此字段',
    'field.import_ambiguous_match': '有 {count} 条记录的 {fields} 相同（{codes}），请增加匹配字段或按编码导入',
    'field.import_match_code_mismatch': '为“{value}”，但 {fields} 相同的记录编码为“{matched}”，请更正编码或匹配字段',
    'field.import_match_code_taken': '编码“{value}”已属于另一条 {fields} 与本行不同的记录，请更正编码或匹配字段',
    'field.import_record_missing': '没有键为“{key}”的记录，而“仅更新”模式只修改已有记录；如需新建，请用 upsert 模式导入',
    'field.import_record_exists': '键为“{key}”的记录已存在且取值不同（{fields}），而“仅新增”模式从不修改记录；如需更新，请用 upsert 模式导入',
    'field.import_field_not_updatable': '不能通过导入修改（系统中为 {stored}，文件中为 {value}），请用对应的命令修改',
    'field.import_mode_not_supported': '{resource} 不能按“{value}”模式导入，请使用：{allowed}',
    'field.import_order_conflict': '订单“{value}”已按不同的 {fields} 过账；已过账的订单不能修改，请为其登记退款，或给新订单另编单号',
  },
} as const;
