/**
 * The core stays a core: src/ imports no chat platform library, no database driver and
 * nothing from adapters/, stores/ or app/, and holds no platform's markup or list of
 * platforms. Adapters depend on the core, never the other way round.
 */
import { describe, expect, it } from 'vitest';
import {
  DATABASE_DRIVERS,
  type Import,
  linesMatching,
  matchesAny,
  PLATFORM_LIBRARIES,
  packageOf,
  refusedImports,
  sourceFiles,
  topFolder,
} from './scan.ts';

const CORE_FILES = sourceFiles('src');

function refuse(i: Import): string | undefined {
  if (i.target !== undefined) return topFolder(i.target) === 'src' ? undefined : `reaches ${topFolder(i.target)}/ from the core`;
  const name = packageOf(i.specifier);
  if (matchesAny(name, PLATFORM_LIBRARIES)) return `a chat platform library (${name})`;
  if (matchesAny(name, DATABASE_DRIVERS)) return `a database driver (${name}): store implementations live in stores/`;
  return undefined;
}

/**
 * A platform's markup (Slack's and Discord's mentions, the slash command, the bot's handle)
 * as text or as a pattern that reads it, or a closed list of platforms.
 */
const PLATFORM_TEXT = [
  /<@U/,
  /<#C/,
  /<!here/,
  /<!channel/,
  /<!everyone/,
  /<@!/,
  /<@&/,
  /\/sinorussia/,
  /@sinorussia/,
  // Patterns written to read markup: a class of mention sigils (`<[@#!]`), `[/@]sinorussia`, `@(?:everyone…`.
  /\[[@#!&]{2,}\]/,
  /\[\/@\]\??sinorussia/,
  /@(\(\?:)?(everyone|here)\b/,
  /['"](slack|discord)['"]\s*\|/,
  /\|\s*['"](slack|discord)['"]/,
  /['"]slack['"]\s*,\s*['"]discord['"]/,
  /['"]discord['"]\s*,\s*['"]slack['"]/,
];

describe('the boundary rules themselves', () => {
  it('find the core files', () => expect(CORE_FILES.length).toBeGreaterThan(40));

  it('refuse a platform library, a driver and an import of adapters/, stores/ or app/, naming the line', () => {
    const source = [
      "import { App } from '@slack/bolt';",
      "import { Client } from 'discord.js';",
      "import pg from 'pg';",
      "import { sql } from 'kysely';",
      "const { openDigestStore } = await import('../../stores/sql/open-store.ts');",
      "export { startSlack } from '../../adapters/slack/app.ts';",
      "import type { Env } from '../../app/main.ts';",
      "import { Composer } from '../answer/compose.ts';",
      "import { readFileSync } from 'node:fs';",
    ].join('\n');
    expect(refusedImports('src/digest/example.ts', refuse, source)).toEqual([
      "src/digest/example.ts:1: import { App } from '@slack/bolt';  [a chat platform library (@slack/bolt)]",
      "src/digest/example.ts:2: import { Client } from 'discord.js';  [a chat platform library (discord.js)]",
      "src/digest/example.ts:3: import pg from 'pg';  [a database driver (pg): store implementations live in stores/]",
      "src/digest/example.ts:4: import { sql } from 'kysely';  [a database driver (kysely): store implementations live in stores/]",
      "src/digest/example.ts:5: const { openDigestStore } = await import('../../stores/sql/open-store.ts');  [reaches stores/ from the core]",
      "src/digest/example.ts:6: export { startSlack } from '../../adapters/slack/app.ts';  [reaches adapters/ from the core]",
      "src/digest/example.ts:7: import type { Env } from '../../app/main.ts';  [reaches app/ from the core]",
    ]);
  });

  it('find markup and platform lists, naming the line', () => {
    const source = [
      "const ping = '<@U123> hi';",
      "type PlatformName = 'slack' | 'discord';",
      "const name: string = 'slack';",
      "const usage = 'try /sinorussia help';",
      'const MENTION = /<[@#!][^>]*>/g;',
      "const everyone = 'ping @everyone';",
      'const email = "someone@example.org";',
    ].join('\n');
    expect(linesMatching('src/example.ts', PLATFORM_TEXT, source)).toEqual([
      "src/example.ts:1: const ping = '<@U123> hi';  [matches /<@U/]",
      "src/example.ts:2: type PlatformName = 'slack' | 'discord';  [matches /['\"](slack|discord)['\"]\\s*\\|/]",
      "src/example.ts:2: type PlatformName = 'slack' | 'discord';  [matches /\\|\\s*['\"](slack|discord)['\"]/]",
      "src/example.ts:4: const usage = 'try /sinorussia help';  [matches /\\/sinorussia/]",
      'src/example.ts:5: const MENTION = /<[@#!][^>]*>/g;  [matches /\\[[@#!&]{2,}\\]/]',
      "src/example.ts:6: const everyone = 'ping @everyone';  [matches /@(\\(\\?:)?(everyone|here)\\b/]",
    ]);
  });
});

describe('src/ imports no platform library, database driver, adapter, store or app code', () => {
  it.each(CORE_FILES)('%s', (file) => {
    expect(refusedImports(file, refuse)).toEqual([]);
  });
});

describe('src/ holds no platform markup or list of platforms', () => {
  it.each(CORE_FILES)('%s', (file) => {
    expect(linesMatching(file, PLATFORM_TEXT)).toEqual([]);
  });
});
