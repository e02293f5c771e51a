/** The exit codes of boh, documented by `boh help exit-codes`. */
export const ExitCode = {
  ok: 0,
  failure: 1,
  usage: 2,
  apiRejected: 3,
  authentication: 4,
  unreachable: 5,
  rowsRejected: 6,
  unexplainedDifferences: 7,
  cannotStart: 8,
  interrupted: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];
