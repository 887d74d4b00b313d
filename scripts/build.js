// Bundles the TypeScript entry points into dist/ with esbuild, so `npm start` and the
// `sinorussia` command start in a fraction of the time tsx needs. bin/run.js falls back to
// the TypeScript sources whenever dist/ is older than them, so a stale build is never run.
import { rmSync } from 'node:fs';

// esbuild is a dev dependency: an install without dev dependencies skips the bundle, and
// bin/run.js then runs the TypeScript sources through tsx instead.
let build;
try {
  ({ build } = await import('esbuild'));
} catch {
  console.warn('sinorussia: esbuild is not installed; skipping the bundle (commands run through tsx).');
  process.exit(0);
}
rmSync(new URL('../dist/', import.meta.url), { recursive: true, force: true });
await build({
  // load-worker: the worker thread a reload reads and validates the base in.
  entryPoints: { cli: 'app/cli.ts', main: 'app/main.ts', 'load-worker': 'src/knowledge/load-worker.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true, // the YAML loader and the bot adapters load only when needed
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
