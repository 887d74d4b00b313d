/**
 * A cache of the validated knowledge base as JSON, keyed by the hash of every file in
 * `knowledge/`. Reading YAML and validating it costs a few hundred milliseconds; a one-shot
 * `sinorussia ask` should not pay that each time. Any edit changes the hash, so a stale cache
 * is never read; `sinorussia check` never uses it.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Knowledge } from './types.ts';

/** Bump when the shape of `Knowledge` changes. */
const CACHE_VERSION = 5;

function hashDir(dir: string, hash = createHash('sha256'), prefix = ''): ReturnType<typeof createHash> {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) hashDir(path, hash, `${prefix}${entry.name}/`);
    else if (entry.isFile()) hash.update(`${prefix}${entry.name}\0`).update(readFileSync(path)).update('\0');
  }
  return hash;
}

function revive(json: string): Knowledge {
  const data = JSON.parse(json);
  return {
    sources: new Map(data.sources),
    facts: data.facts,
    factById: new Map(data.facts.map((f: { id: string }) => [f.id, f])),
    measures: new Map(data.measures),
    chartWith: data.chartWith ?? {},
    vocabulary: data.vocabulary,
    retracted: data.retracted ?? [],
  };
}

function serialise(k: Knowledge): string {
  return JSON.stringify({
    sources: [...k.sources],
    facts: k.facts,
    measures: [...k.measures],
    chartWith: k.chartWith ?? {},
    vocabulary: k.vocabulary,
    retracted: k.retracted ?? [],
  });
}

/**
 * The knowledge base from the cache when it matches the files, else loaded (and validated)
 * from YAML and cached. The YAML loader is imported only on a miss.
 */
export async function loadKnowledgeCached(dir: string, cacheDir: string): Promise<Knowledge> {
  const key = hashDir(dir).update(`v${CACHE_VERSION}`).digest('hex').slice(0, 24);
  const file = join(cacheDir, `knowledge-${key}.json`);
  try {
    return revive(readFileSync(file, 'utf8'));
  } catch {
    // No cache yet (or unreadable): load from YAML below.
  }
  const { loadKnowledge } = await import('./load.ts');
  const knowledge = loadKnowledge(dir);
  try {
    mkdirSync(cacheDir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, serialise(knowledge));
    renameSync(tmp, file);
  } catch {
    // A read-only install still works, only slower.
  }
  return knowledge;
}
