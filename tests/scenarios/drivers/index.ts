/** Every adapter the scenarios run over. */
import { DiscordDriver } from './discord.ts';
import { SlackDriver } from './slack.ts';
import type { PlatformDriver } from './types.ts';

export const DRIVERS: { name: string; create: () => PlatformDriver }[] = [
  { name: 'Slack over HTTP', create: () => new SlackDriver('http') },
  { name: 'Slack in Socket Mode', create: () => new SlackDriver('socket') },
  { name: 'Discord', create: () => new DiscordDriver() },
];

export { breakStore, FakeClock } from './instance.ts';
export type { Asked, PlatformDriver, Sent, SlashCommand } from './types.ts';
