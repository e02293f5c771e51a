import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { makeDirectorySync } from '../files/make-directory.js';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** A saved connection: where the API is, the token, and the language. */
export interface Profile {
  base_url?: string;
  token?: string;
  lang?: string;
}

export interface ConfigFile {
  profiles: Record<string, Profile>;
}

/**
 * The config file: $BOH_CONFIG_DIR/config.json, else the platform's user config folder
 * ($XDG_CONFIG_HOME or ~/.config on Linux and macOS, %APPDATA% on Windows) + boh/config.json.
 */
export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.BOH_CONFIG_DIR) return join(env.BOH_CONFIG_DIR, 'config.json');
  if (process.platform === 'win32' && env.APPDATA) return join(env.APPDATA, 'boh', 'config.json');
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'boh', 'config.json');
}

export function readConfig(path: string): ConfigFile {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<ConfigFile>;
    return { profiles: parsed.profiles ?? {} };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { profiles: {} };
    throw error;
  }
}

/** Write the config file readable only by its owner, because it holds tokens. */
export function writeConfig(path: string, config: ConfigFile): void {
  makeDirectorySync(dirname(path), 0o700);
  writeFileSync(path, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
}
