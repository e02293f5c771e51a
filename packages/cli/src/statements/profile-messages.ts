// Texts of the statement profile checks in `profile.ts`, registered with the CLI catalogue on
// load. Both languages have the same keys and placeholders.

import { registerMessages } from '../i18n/index.js';

export const profileMessages = {
  en: {
    'statement.profile.root': 'the top level',
    'statement.profile.field': '{path}',
    'statement.profile.regex_invalid': 'not a valid regular expression',
    'statement.profile.id_format': 'use lowercase letters, digits and hyphens, starting with a letter or digit',
    'statement.profile.gross_needs_rules': 'a profile with a gross column takes its direction from rules',
    'statement.profile.column_required': 'column {field} is required by this profile',
    'statement.profile.signature_without_column': 'signature field {field} has no column',
  },
  'zh-CN': {
    'statement.profile.root': '最外层',
    'statement.profile.field': '“{path}”项',
    'statement.profile.regex_invalid': '不是有效的正则表达式',
    'statement.profile.id_format': '只能用小写字母、数字和连字符，且以字母或数字开头',
    'statement.profile.gross_needs_rules': '有 gross 列的配置只能用 rules 判断收支方向',
    'statement.profile.column_required': '该配置需要 {field} 列',
    'statement.profile.signature_without_column': '识别字段 {field} 没有对应的列',
  },
};

registerMessages(profileMessages);
