/**
 * Every application command the bot registers (`npm run discord:deploy` overwrites the
 * application's commands with exactly these): `/sinorussia`, generated from the registry,
 * and the "Verify with sources" message command, which runs the registry's `verify`.
 */
import type { RESTPostAPIApplicationCommandsJSONBody } from 'discord.js';
import { data as sinorussia } from './sinorussia.ts';
import { data as verifyMessage } from './verify-message.ts';

export function commandDefinitions(): RESTPostAPIApplicationCommandsJSONBody[] {
  return [sinorussia.toJSON(), verifyMessage.toJSON()];
}
