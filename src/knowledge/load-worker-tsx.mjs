// The worker entry when running from the TypeScript sources (tests, development): a worker
// does not inherit the main thread's tsx hooks, so it registers tsx before loading the .ts entry.
import { register } from 'tsx/esm/api';

register();
await import('./load-worker.ts');
