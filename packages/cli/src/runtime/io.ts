/** Where a command writes: data to stdout, everything for people to stderr. */
export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

export function processIo(): Io {
  ignoreClosedPipe(process.stdout);
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
}

let pipeGuarded = false;

// `boh store list | head` closes stdout early; the reader has what it wanted, so the write
// error ends the program quietly instead of crashing it.
function ignoreClosedPipe(stream: NodeJS.WriteStream): void {
  if (pipeGuarded) return;
  pipeGuarded = true;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

/** True when a person is at a terminal: stdin and stdout are TTYs and this is not CI. */
export function isInteractive(io: Io): boolean {
  return Boolean(io.stdin.isTTY && io.stdout.isTTY) && !io.env.CI;
}

/** Colour only on a terminal, and never with NO_COLOR set. */
export function useColour(io: Io, stream: 'stdout' | 'stderr' = 'stderr'): boolean {
  return Boolean(io[stream].isTTY) && io.env.NO_COLOR === undefined && io.env.TERM !== 'dumb';
}

export function writeLine(stream: NodeJS.WritableStream, text = ''): void {
  stream.write(`${text}\n`);
}
