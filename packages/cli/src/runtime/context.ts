import { createClient, type BohClient } from '@boh/sdk';
import { configPath, readConfig, type Profile } from '../config/profiles.js';
import { localeLanguage, matchLanguage, t, type Language } from '../i18n/index.js';
import { UsageError } from './errors.js';
import { isInteractive, processIo, writeLine, type Io } from './io.js';

/** The global options every command accepts. */
export interface GlobalOptions {
  baseUrl?: string;
  token?: string;
  profile?: string;
  timeout?: string;
  lang?: string;
  json?: boolean;
  quiet?: boolean;
  yes?: boolean;
}

/** What a command works with: its settings, its output streams and a lazily made API client. */
export interface Context {
  language: Language;
  json: boolean;
  quiet: boolean;
  yes: boolean;
  io: Io;
  /** True when prompts and spinners may be shown. */
  interactive: boolean;
  /** The API client; fails with a clear message when the base URL or token is missing. */
  client(): BohClient;
  /** The client without requiring a token (for /health). */
  anonymousClient(): BohClient;
  /** True when an API address and a token are configured, by option, environment or profile. */
  hasConnection: boolean;
  /** Translate a message into the context's language. */
  t(key: string, params?: Record<string, unknown>): string;
  /** Print a line for people on stderr, unless --quiet or --json. */
  info(text: string): void;
  close(): Promise<void>;
}

/** Resolve the language before commands are built, so help text is in it too. */
export function resolveLanguage(argv: readonly string[], env: NodeJS.ProcessEnv): Language {
  const fromArgs = argValue(argv, '--lang');
  if (fromArgs !== undefined) {
    const language = matchLanguage(fromArgs);
    if (!language) throw new UsageError('error.bad_language', { value: fromArgs });
    return language;
  }
  if (env.BOH_LANG) return matchLanguage(env.BOH_LANG) ?? 'en';
  const profileLanguage = matchLanguage(profileFor(argValue(argv, '--profile') ?? env.BOH_PROFILE, env, false)?.lang);
  return profileLanguage ?? localeLanguage(env);
}

function argValue(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') return undefined;
    if (arg === name) return argv[i + 1];
    if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
  }
  return undefined;
}

function profileFor(name: string | undefined, env: NodeJS.ProcessEnv, strict: boolean): Profile | undefined {
  const path = configPath(env);
  const config = readConfig(path);
  const chosen = name ?? 'default';
  const profile = config.profiles[chosen];
  if (!profile && strict && name !== undefined) {
    throw new UsageError('error.unknown_profile', { name, file: path, names: Object.keys(config.profiles).join(', ') || '-' });
  }
  return profile;
}

/** Build the context from the global options, the environment and the saved profile. */
export function createContext(options: GlobalOptions, language: Language, io: Io = processIo()): Context {
  const env = io.env;
  const profile = profileFor(options.profile ?? env.BOH_PROFILE, env, true);
  const baseUrl = options.baseUrl ?? env.BOH_BASE_URL ?? profile?.base_url;
  const token = options.token ?? env.BOH_TOKEN ?? profile?.token;
  const json = options.json ?? false;
  const timeoutText = options.timeout ?? env.BOH_TIMEOUT;
  if (timeoutText !== undefined && !(/^\d+(\.\d+)?$/.test(timeoutText) && Number(timeoutText) > 0)) {
    throw new UsageError('error.invalid_timeout', { value: timeoutText });
  }
  const timeoutMs = timeoutText === undefined ? undefined : Math.round(Number(timeoutText) * 1000);
  const quiet = options.quiet ?? false;
  const clients: BohClient[] = [];

  const make = (withToken: boolean): BohClient => {
    if (!baseUrl) throw new UsageError('error.no_base_url');
    if (!/^https?:\/\/[^/]/i.test(baseUrl) || !URL.canParse(baseUrl)) throw new UsageError('error.invalid_base_url', { value: baseUrl });
    if (withToken && !token) throw new UsageError('error.no_token');
    const client = createClient({ baseUrl, token, language, timeoutMs, userAgent: `boh-cli node/${process.versions.node}` });
    clients.push(client);
    return client;
  };

  let client: BohClient | undefined;
  return {
    language,
    json,
    quiet,
    yes: options.yes ?? false,
    io,
    interactive: isInteractive(io) && !json,
    client: () => (client ??= make(true)),
    anonymousClient: () => make(false),
    hasConnection: Boolean(baseUrl && token),
    t: (key, params) => t(language, key, params),
    info(text) {
      if (!quiet && !json) writeLine(io.stderr, text);
    },
    async close() {
      await Promise.all(clients.map((c) => c.close()));
    },
  };
}
