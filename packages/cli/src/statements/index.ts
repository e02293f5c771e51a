// Public API of the statement (对账单) parsers.

export { parseStatement, knownLayouts, DEFAULT_TIME_ZONE } from './parse-statement.js';
export type { ParseStatementOptions, RowSource } from './parse-statement.js';
export { parseStatementFile } from './parse-file.js';
export type { ParseStatementFileOptions } from './parse-file.js';
export { detectLayout } from './detect.js';
export type { Detection } from './detect.js';
export { loadProfiles, parseProfile, defaultProfilesDirectory } from './profiles.js';
export { profileSchema, PROFILE_FIELDS } from './profile.js';
export type { StatementProfile, ProfileField } from './profile.js';
export { StatementParseError } from './errors.js';
export { messages, formatMessage } from './messages.js';
export type { MessageCode, Locale } from './messages.js';
export { formatFen, formatMilliFen, formatMilliFenAsYuan } from './money.js';
export { CHANNELS } from './types.js';
export type * from './types.js';
