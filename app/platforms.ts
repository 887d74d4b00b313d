/**
 * The chat platforms `npm start` can run, each configured from the environment and started
 * through the adapter contract (adapters/contract.ts). A platform whose variables are absent
 * is skipped; a malformed one throws a ConfigError naming it. Config modules are light; the
 * platform libraries load only when a platform starts. A new platform is one line here.
 */
import type { ChatAdapter } from '../adapters/contract.ts';
import { readDiscordConfig } from '../adapters/discord/config.ts';
import { readSlackConfig } from '../adapters/slack/config.ts';

type Env = Record<string, string | undefined>;

export function configuredPlatforms(env: Env): ChatAdapter[] {
  const platforms: ChatAdapter[] = [];
  const slack = readSlackConfig(env);
  if (slack) {
    platforms.push({ name: 'slack', start: async (deps) => (await import('../adapters/slack/app.ts')).startSlack(slack, deps) });
  }
  const discord = readDiscordConfig(env);
  if (discord) {
    platforms.push({ name: 'discord', start: async (deps) => (await import('../adapters/discord/index.ts')).startDiscord(discord, deps) });
  }
  return platforms;
}
