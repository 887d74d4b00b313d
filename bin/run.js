// Runs an entry point from the esbuild bundle in dist/ when it is newer than every source
// file, and from the TypeScript sources through tsx otherwise (during development).
import { existsSync, readdirSync, statSync } from 'node:fs';

const root = new URL('../', import.meta.url);

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = new URL(entry.name + (entry.isDirectory() ? '/' : ''), dir);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

export async function run(entry) {
  const built = new URL(`dist/${entry}.js`, root);
  const fresh =
    existsSync(built) &&
    statSync(built).mtimeMs >= Math.max(...['src/', 'adapters/', 'stores/', 'app/'].map((d) => newestSource(new URL(d, root))));
  if (fresh) return (await import(built.href)).main();
  const { register } = await import('tsx/esm/api');
  register();
  return (await import(new URL(`app/${entry}.ts`, root).href)).main();
}
