/**
 * The chat platforms `npm start` can run, each configured from the environment. A platform
 * whose variables are absent is skipped; a malformed one throws a ConfigError naming it.
 */
import type { Answerer } from '../src/commands/index.ts';
import type { Logger } from '../src/log.ts';

export interface RunningPlatform {
  stop(): Promise<void>;
}

export interface Platform {
  name: string;
  start(deps: { answerer: Answerer; logger: Logger }): Promise<RunningPlatform>;
}

type Env = Record<string, string | undefined>;

export async function configuredPlatforms(_env: Env): Promise<Platform[]> {
  // The Slack and Discord adapters register here (issues 3 and 4).
  return [];
}
