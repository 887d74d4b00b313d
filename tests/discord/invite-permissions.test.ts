/** The README's invite link asks for every permission the bot needs, and no more. */
import { readFileSync } from 'node:fs';
import { PermissionFlagsBits, PermissionsBitField } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { BOT_PERMISSIONS, invitePermissions } from '../../adapters/discord/permissions.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe("the README's Discord invite link", () => {
  const links = [...readme.matchAll(/discord\.com\/oauth2\/authorize\?[^\s)`]*permissions=(\d+)/g)];

  it('holds exactly the permissions the bot needs, Attach Files among them', () => {
    expect(links).toHaveLength(1);
    const asked = new PermissionsBitField(BigInt(links[0][1]));
    const missing = Object.keys(BOT_PERMISSIONS).filter(
      (name) => !asked.has(PermissionFlagsBits[name as keyof typeof PermissionFlagsBits]),
    );
    expect(missing).toEqual([]);
    expect(asked.bitfield).toBe(invitePermissions());
    expect(asked.has(PermissionFlagsBits.AttachFiles)).toBe(true);
  });

  it('and the sentence under it names the same integer and Attach Files', () => {
    expect(readme).toContain(`permissions \`${invitePermissions()}\` are exactly`);
    expect(readme).toMatch(/are exactly:[^\n]*Attach Files/);
  });
});
