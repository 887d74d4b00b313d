/**
 * The core stays platform-free: nothing under src/ may import a chat platform's library or
 * an adapter. Adapters depend on the core, never the other way round.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = new URL('../src/', import.meta.url).pathname;
const FORBIDDEN = [/['"]@slack\//, /['"]discord\.js['"]/, /['"]@discordjs\//, /['"](\.\.\/)+adapters\//, /['"](\.\.\/)+app\//];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

describe('src/ imports no platform code', () => {
  const all = files(SRC);
  it('finds the core files', () => expect(all.length).toBeGreaterThan(10));
  it.each(all.map((f) => [f.slice(SRC.length), f]))('%s', (_name, file) => {
    const imports = readFileSync(file, 'utf8').match(/(?:import|from)\s*\(?\s*['"][^'"]+['"]/g) ?? [];
    for (const line of imports) for (const pattern of FORBIDDEN) expect(line).not.toMatch(pattern);
  });
});
