import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeDirectory, makeDirectorySync } from '../../src/files/make-directory.js';

const folder = mkdtempSync(join(tmpdir(), 'boh-make-directory-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

// mkdir in /proc fails with ENOENT although the parent exists, the case that hangs Node.js's own
// recursive mkdir.
const procfs = existsSync('/proc/self');

describe('makeDirectory', () => {
  it('creates missing parents', async () => {
    const path = join(folder, 'a', 'b', 'c');
    await makeDirectory(path);
    expect(statSync(path).isDirectory()).toBe(true);
  });

  it('accepts an existing folder', async () => {
    await makeDirectory(folder);
    expect(statSync(folder).isDirectory()).toBe(true);
  });

  it('rejects a file in the way', async () => {
    const file = join(folder, 'plain-file');
    writeFileSync(file, 'x');
    await expect(makeDirectory(join(file, 'inside'))).rejects.toMatchObject({ code: 'ENOTDIR' });
    await expect(makeDirectory(file)).rejects.toMatchObject({ code: 'EEXIST' });
  });

  it.runIf(procfs)('rejects a folder the file system cannot create', async () => {
    await expect(makeDirectory('/proc/boh-no-such-folder/reports')).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('makeDirectorySync', () => {
  it('creates missing parents', () => {
    const path = join(folder, 'sync', 'b');
    makeDirectorySync(path, 0o700);
    expect(statSync(path).isDirectory()).toBe(true);
  });

  it.runIf(procfs)('rejects a folder the file system cannot create', () => {
    expect(() => makeDirectorySync('/proc/boh-no-such-folder')).toThrow(expect.objectContaining({ code: 'ENOENT' }));
  });
});
