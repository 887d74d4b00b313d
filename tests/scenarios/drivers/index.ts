/** Every adapter the scenarios run over. */

import { expect } from 'vitest';
import { DiscordDriver } from './discord.ts';
import { SlackDriver } from './slack.ts';
import type { PlatformDriver, Sent } from './types.ts';

export const DRIVERS: { name: string; create: () => PlatformDriver }[] = [
  { name: 'Slack over HTTP', create: () => new SlackDriver('http') },
  { name: 'Slack in Socket Mode', create: () => new SlackDriver('socket') },
  { name: 'Discord', create: () => new DiscordDriver() },
];

export { breakStore, FakeClock } from './instance.ts';
export type { Asked, PlatformDriver, Sent, SlashCommand } from './types.ts';

/** The one message a step should have sent: the test fails when it sent none or more. */
export function only(sent: Sent[]): Sent {
  expect(sent).toHaveLength(1);
  return sent[0];
}
