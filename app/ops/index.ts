/**
 * The operator's signals for one `npm start`: metrics, and /healthz, /readyz, /metrics on
 * OPS_PORT (when set) and on Slack's PORT in HTTP mode. startBot registers what readiness
 * depends on (the store, each platform) as it starts them.
 */

import type { OpsRoute } from '../../adapters/contract.ts';
import type { Logger } from '../../src/log.ts';
import { type BotMetrics, createMetrics } from './metrics.ts';
import { OPS_PATHS, opsHandler, type ReadinessCheck, type RunningOpsServer, readOpsPort, startOpsServer } from './server.ts';

export interface Ops {
  metrics: BotMetrics;
  /** For Slack's HTTP server: /readyz and /metrics (it serves /healthz itself). */
  routes: OpsRoute[];
  /** Adds something /readyz waits for. */
  needs(check: ReadinessCheck): void;
  /** Starts OPS_PORT's server, if one is configured. */
  listen(): Promise<void>;
  /** The port that server listens on (useful with port 0); undefined without one. */
  readonly port: number | undefined;
  /** /readyz answers 503 from now on (stopping). */
  draining(): void;
  close(): Promise<void>;
}

/** `port` overrides OPS_PORT (a test's 0: any free port). */
export function createOps(env: Record<string, string | undefined>, logger: Logger, options: { port?: number } = {}): Ops {
  const port = options.port ?? readOpsPort(env);
  const metrics = createMetrics();
  const checks: ReadinessCheck[] = [];
  let stopping = false;
  const deps = { registry: metrics.registry, checks: () => [{ name: 'running', check: () => !stopping }, ...checks] };
  const handlers = opsHandler(deps);
  let server: RunningOpsServer | undefined;
  return {
    metrics,
    routes: [OPS_PATHS.ready, OPS_PATHS.metrics].map((path) => ({ path, handler: handlers[path] })),
    needs: (check) => checks.push(check),
    async listen() {
      if (port === undefined) return;
      server = await startOpsServer(port, deps);
      logger.info('ops: listening', { port: server.port, paths: Object.values(OPS_PATHS) });
    },
    get port() {
      return server?.port;
    },
    draining: () => (stopping = true),
    close: async () => server?.close(),
  };
}
