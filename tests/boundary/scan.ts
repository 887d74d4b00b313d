/**
 * Reads a folder's source files for the boundary tests: every module each file imports
 * (static, dynamic, re-exports), resolved to the top folder it lands in, and the lines that
 * match a pattern. Failures name the file and the line, so a broken rule says where.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

export const ROOT = resolve(new URL('../../', import.meta.url).pathname);

const SOURCE = /\.(ts|mts|js|mjs)$/;

/** Every source file under `folder` (relative to the root), as root-relative paths. */
export function sourceFiles(folder: string): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : SOURCE.test(e.name) ? [join(dir, e.name)] : [],
    );
  return walk(join(ROOT, folder)).map((f) => relative(ROOT, f).split(sep).join('/'));
}

export interface Import {
  line: number;
  text: string;
  /** As written: `kysely`, `../../adapters/slack/app.ts`. */
  specifier: string;
  /** A relative import's target, root-relative (`adapters/slack/app.ts`); undefined for a package. */
  target?: string;
}

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)['"]([^'"]+)['"]/g;

export function importsOf(file: string, source = readFileSync(join(ROOT, file), 'utf8')): Import[] {
  return source.split('\n').flatMap((text, i) =>
    [...text.matchAll(IMPORT)].map(([, specifier]) => ({
      line: i + 1,
      text: text.trim(),
      specifier,
      ...(specifier.startsWith('.')
        ? {
            target: relative(ROOT, resolve(ROOT, dirname(file), specifier))
              .split(sep)
              .join('/'),
          }
        : {}),
    })),
  );
}

/** `file:line: text`, the form every failure is reported in. */
export const where = (file: string, line: number, text: string) => `${file}:${line}: ${text.trim()}`;

/** The lines of `file` matching any pattern, each as `file:line: text (pattern)`. */
export function linesMatching(file: string, patterns: RegExp[], source = readFileSync(join(ROOT, file), 'utf8')): string[] {
  return source
    .split('\n')
    .flatMap((text, i) => patterns.filter((p) => p.test(text)).map((p) => `${where(file, i + 1, text)}  [matches ${p}]`));
}

/** The imports of `file` the rule refuses, each as `file:line: text (why)`. */
export function refusedImports(file: string, refuse: (i: Import) => string | undefined, source?: string): string[] {
  return importsOf(file, source).flatMap((i) => {
    const why = refuse(i);
    return why ? [`${where(file, i.line, i.text)}  [${why}]`] : [];
  });
}

/** Package names as imported (`@slack/bolt`, `discord.js`, `pg`, `node:fs` → `node:fs`). */
export function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

export const PLATFORM_LIBRARIES = [/^@slack\//, /^discord\.js$/, /^@discordjs\//, /^discord-api-types$/];
export const DATABASE_DRIVERS = [/^better-sqlite3$/, /^pg$/, /^pg-/, /^kysely$/, /^@electric-sql\/pglite$/];

export const matchesAny = (name: string, patterns: RegExp[]) => patterns.some((p) => p.test(name));

/** The top folder (`src`, `adapters`, …) a root-relative path is in. */
export const topFolder = (path: string) => path.split('/')[0];
