/**
 * `npm run discord:deploy`: registers `/sinorussia` and the "Verify with sources" message
 * command over REST, as discord.js recommends (commands change rarely; the bot itself never
 * registers them). To one guild when DISCORD_GUILD_ID is set (instant, for development),
 * globally otherwise.
 */
import { pathToFileURL } from 'node:url';
import { REST, Routes } from 'discord.js';
import { config as loadDotenv } from 'dotenv';
import { SinorussiaError } from '../../src/errors.ts';
import { commandDefinitions } from './commands/index.ts';
import { type DiscordConfig, readDiscordConfig } from './config.ts';

export interface DeployResult {
  route: `/${string}`;
  scope: 'guild' | 'global';
  /** As Discord lists them: `/sinorussia` for a slash command, a message command by its menu name. */
  commands: string[];
}

const CHAT_INPUT = 1;

export async function deployCommands(config: DiscordConfig): Promise<DeployResult> {
  const rest = new REST(config.apiUrl ? { api: config.apiUrl } : {}).setToken(config.token);
  const applicationId = config.applicationId ?? ((await rest.get(Routes.currentApplication())) as { id: string }).id;
  const route = config.guildId ? Routes.applicationGuildCommands(applicationId, config.guildId) : Routes.applicationCommands(applicationId);
  // A bulk overwrite: commands no longer defined here are removed.
  const saved = (await rest.put(route, { body: commandDefinitions() })) as { name: string; type?: number }[];
  const named = saved.map((c) => ((c.type ?? CHAT_INPUT) === CHAT_INPUT ? `/${c.name}` : `"${c.name}" (message menu)`));
  return { route, scope: config.guildId ? 'guild' : 'global', commands: named };
}

export async function main(env: Record<string, string | undefined> = process.env): Promise<void> {
  try {
    const config = readDiscordConfig(env);
    if (!config)
      throw new SinorussiaError(
        'BAD_CONFIG',
        'DISCORD_TOKEN is not set: put it in .env (see "Connect Discord" in README.md)',
        'DISCORD_TOKEN',
      );
    const result = await deployCommands(config);
    const where = result.scope === 'guild' ? `guild ${config.guildId}` : 'all guilds (global commands can take a while to appear)';
    process.stdout.write(`Deployed ${result.commands.join(' and ')} to ${where}.\n`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`discord:deploy failed: ${message}\n`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  loadDotenv({ quiet: true });
  await main();
}
