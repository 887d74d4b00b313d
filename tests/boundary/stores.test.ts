/**
 * Stores implement the core's interfaces over a database and know nothing of chat: stores/
 * imports no adapter, no app/ code and no platform library. The PGlite driver is for tests
 * only (a dev dependency), so nothing outside tests/ may load it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Import, matchesAny, PLATFORM_LIBRARIES, packageOf, ROOT, refusedImports, sourceFiles, topFolder } from './scan.ts';

function refuse(i: Import): string | undefined {
  if (i.target !== undefined) {
    const top = topFolder(i.target);
    return top === 'stores' || top === 'src' ? undefined : `reaches ${top}/ from a store`;
  }
  const name = packageOf(i.specifier);
  if (matchesAny(name, PLATFORM_LIBRARIES)) return `a chat platform library (${name})`;
  if (name === '@electric-sql/pglite') return 'PGlite is test support (tests/helpers/pglite.ts)';
  return undefined;
}

const refusePglite = (i: Import) =>
  packageOf(i.specifier) === '@electric-sql/pglite' ? 'PGlite is a dev dependency, for tests only' : undefined;

const STORE_FILES = sourceFiles('stores');
const RUNTIME_FILES = ['src', 'adapters', 'stores', 'app', 'bin', 'scripts'].flatMap((folder) => sourceFiles(folder));

describe('the boundary rules themselves', () => {
  it('find the store files', () =>
    expect(STORE_FILES).toEqual(expect.arrayContaining(['stores/sql/open-store.ts', 'stores/sql/digest-store.ts'])));

  it('refuse an adapter, app/, a platform library and PGlite, naming the line', () => {
    const source = [
      "import { SLACK_GONE_ERRORS } from '../../adapters/slack/errors.ts';",
      "import { main } from '../../app/main.ts';",
      "import { Client } from 'discord.js';",
      "import { PGlite } from '@electric-sql/pglite';",
      "import pg from 'pg';",
      "import type { Outbox } from '../../src/outbox.ts';",
    ].join('\n');
    expect(refusedImports('stores/sql/example.ts', refuse, source)).toEqual([
      "stores/sql/example.ts:1: import { SLACK_GONE_ERRORS } from '../../adapters/slack/errors.ts';  [reaches adapters/ from a store]",
      "stores/sql/example.ts:2: import { main } from '../../app/main.ts';  [reaches app/ from a store]",
      "stores/sql/example.ts:3: import { Client } from 'discord.js';  [a chat platform library (discord.js)]",
      "stores/sql/example.ts:4: import { PGlite } from '@electric-sql/pglite';  [PGlite is test support (tests/helpers/pglite.ts)]",
    ]);
  });
});

describe('stores/ imports no adapter, app/ code or platform library', () => {
  it.each(STORE_FILES)('%s', (file) => {
    expect(refusedImports(file, refuse)).toEqual([]);
  });
});

describe('nothing the bot runs loads PGlite', () => {
  it('finds the runtime files', () => expect(RUNTIME_FILES.length).toBeGreaterThan(100));
  it.each(RUNTIME_FILES)('%s', (file) => {
    expect(refusedImports(file, refusePglite)).toEqual([]);
  });
});

describe('package.json', () => {
  it('lists PGlite among the dev dependencies only', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    expect(Object.keys(manifest.dependencies)).not.toContain('@electric-sql/pglite');
    expect(Object.keys(manifest.devDependencies)).toContain('@electric-sql/pglite');
  });
});
