/**
 * Reads the Slack settings from the environment. Slack is off when SLACK_BOT_TOKEN is unset;
 * anything missing or malformed stops start-up with one ConfigError naming the variable.
 */
import { ConfigError } from '../../src/config-error.ts';

interface CommonConfig {
  botToken: string;
  /** Web API base URL ending in `/`; undefined means Slack's own. */
  apiUrl?: string;
  /** Web API retries; undefined keeps the adapter's default policy. Tests pass 0. */
  webApiRetries?: number;
}

export interface HttpSlackConfig extends CommonConfig {
  mode: 'http';
  signingSecret: string;
  port: number;
}

export interface SocketSlackConfig extends CommonConfig {
  mode: 'socket';
  appToken: string;
}

export type SlackConfig = HttpSlackConfig | SocketSlackConfig;

export const DEFAULT_PORT = 3000;
const SLACK_VARIABLES = ['SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_API_URL'] as const;

/** Blank counts as unset: `SLACK_APP_TOKEN=` in a .env file means "not used". */
function read(env: Record<string, string | undefined>, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/** Shows enough of a secret to recognise its kind, never the secret itself. */
function hint(secret: string): string {
  return `"${secret.slice(0, 5)}…"`;
}

function token(env: Record<string, string | undefined>, name: string, prefix: string, kind: string): string | undefined {
  const value = read(env, name);
  if (value === undefined) return undefined;
  if (!value.startsWith(prefix) || /\s/.test(value)) {
    throw new ConfigError(name, `must be ${kind} starting with ${prefix} (got ${hint(value)})`);
  }
  return value;
}

function port(env: Record<string, string | undefined>): number {
  const raw = read(env, 'PORT');
  if (raw === undefined) return DEFAULT_PORT;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value > 65535) throw new ConfigError('PORT', `must be a whole number from 0 to 65535 (got "${raw}")`);
  return value;
}

function apiUrl(env: Record<string, string | undefined>): string | undefined {
  const raw = read(env, 'SLACK_API_URL');
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('SLACK_API_URL', `must be an http(s) URL such as https://slack.com/api/ (got "${raw}")`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError('SLACK_API_URL', `must be an http(s) URL such as https://slack.com/api/ (got "${raw}")`);
  }
  // The Web API client appends method names (`chat.postMessage`) to this base.
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

export function readSlackConfig(env: Record<string, string | undefined>): SlackConfig | undefined {
  const botToken = token(env, 'SLACK_BOT_TOKEN', 'xoxb-', 'a bot token');
  if (botToken === undefined) {
    const stray = SLACK_VARIABLES.find((name) => read(env, name) !== undefined);
    if (stray) throw new ConfigError('SLACK_BOT_TOKEN', `is missing but ${stray} is set (Slack needs the bot token too)`);
    return undefined;
  }
  const common = { botToken, apiUrl: apiUrl(env) };
  const appToken = token(env, 'SLACK_APP_TOKEN', 'xapp-', 'an app-level token');
  if (appToken !== undefined) return { ...common, mode: 'socket', appToken };
  const signingSecret = read(env, 'SLACK_SIGNING_SECRET');
  if (signingSecret === undefined) {
    throw new ConfigError('SLACK_SIGNING_SECRET', 'is missing: HTTP mode (no SLACK_APP_TOKEN) verifies requests with it');
  }
  return { ...common, mode: 'http', signingSecret, port: port(env) };
}
