import type { Context } from '../../runtime/context.js';
import { configPath, readConfig, writeConfig } from '../../config/profiles.js';

export interface ProfileSaveOptions {
  baseUrl?: string;
  token?: string;
  lang?: string;
}

/** Save a named profile from the global options; later commands use it with --profile. */
export async function save(context: Context, name: string, options: ProfileSaveOptions): Promise<void> {
  const path = configPath(context.io.env);
  const config = readConfig(path);
  const previous = config.profiles[name] ?? {};
  config.profiles[name] = {
    ...previous,
    ...(options.baseUrl ? { base_url: options.baseUrl } : {}),
    ...(options.token ? { token: options.token } : {}),
    ...(options.lang ? { lang: options.lang } : {}),
  };
  writeConfig(path, config);
  context.info(context.t('profile.saved', { name, file: path }));
}
