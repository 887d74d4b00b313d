/**
 * An adapter never imports another adapter: each of adapters/<name>/ may use its own files,
 * the shared adapters/*.ts and the core (src/), and its own platform's library only. The
 * shared files use no platform library and no adapter. No adapter reaches app/ or stores/:
 * the composition root hands each what it needs.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Import, matchesAny, PLATFORM_LIBRARIES, packageOf, ROOT, refusedImports, sourceFiles } from './scan.ts';

const ADAPTERS = readdirSync(join(ROOT, 'adapters'), { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name);

/** The platform libraries an adapter may use: its own platform's only. */
const OWN_LIBRARIES: Record<string, RegExp[]> = {
  slack: [/^@slack\//],
  discord: [/^discord\.js$/, /^@discordjs\//, /^discord-api-types$/],
};

/** The rule for a file of `adapter` (undefined: a shared adapters/*.ts file). */
function ruleFor(adapter: string | undefined) {
  return (i: Import): string | undefined => {
    if (i.target !== undefined) {
      const [top, second] = i.target.split('/');
      if (top === 'src') return undefined;
      if (top !== 'adapters') return `reaches ${top}/ from an adapter`;
      const shared = !i.target.slice('adapters/'.length).includes('/');
      if (shared) return undefined;
      if (second !== adapter)
        return adapter
          ? `adapters/${adapter} imports another adapter (adapters/${second})`
          : `a shared adapter file imports an adapter (adapters/${second})`;
      return undefined;
    }
    const name = packageOf(i.specifier);
    if (matchesAny(name, PLATFORM_LIBRARIES) && !matchesAny(name, (adapter && OWN_LIBRARIES[adapter]) || []))
      return `another platform's library (${name})`;
    return undefined;
  };
}

const SHARED = sourceFiles('adapters').filter((f) => f.split('/').length === 2);

describe('the boundary rules themselves', () => {
  it('find the adapters and the shared files', () => {
    expect(ADAPTERS).toEqual(expect.arrayContaining(['console', 'discord', 'slack']));
    expect(SHARED).toContain('adapters/outbound-errors.ts');
  });

  it('refuse another adapter, its library, app/ and stores/, naming the line', () => {
    const source = [
      "import { renderEmbed } from '../discord/render.ts';",
      "import { Client } from 'discord.js';",
      "import { openDigestStore } from '../../stores/sql/open-store.ts';",
      "import { main } from '../../app/main.ts';",
      "import { statusCode } from '../outbound-errors.ts';",
      "import { webApi } from '@slack/bolt';",
      "import type { Answer } from '../../src/answer/types.ts';",
    ].join('\n');
    expect(refusedImports('adapters/slack/example.ts', ruleFor('slack'), source)).toEqual([
      "adapters/slack/example.ts:1: import { renderEmbed } from '../discord/render.ts';  [adapters/slack imports another adapter (adapters/discord)]",
      "adapters/slack/example.ts:2: import { Client } from 'discord.js';  [another platform's library (discord.js)]",
      "adapters/slack/example.ts:3: import { openDigestStore } from '../../stores/sql/open-store.ts';  [reaches stores/ from an adapter]",
      "adapters/slack/example.ts:4: import { main } from '../../app/main.ts';  [reaches app/ from an adapter]",
    ]);
  });
});

describe.each(ADAPTERS)('adapters/%s imports no other adapter, platform library, app/ or stores/', (adapter) => {
  it.each(sourceFiles(`adapters/${adapter}`))('%s', (file) => {
    expect(refusedImports(file, ruleFor(adapter))).toEqual([]);
  });
});

describe('the shared adapters/*.ts import no adapter and no platform library', () => {
  it.each(SHARED)('%s', (file) => {
    expect(refusedImports(file, ruleFor(undefined))).toEqual([]);
  });
});
