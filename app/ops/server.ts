/**
 * The operator's endpoints: GET /healthz (the process is up), GET /readyz (connected to its
 * platforms and its digest store: 200, else 503 with what is not), GET /metrics (Prometheus
 * text). Served on OPS_PORT by a server of their own, and in Slack's HTTP mode also on PORT
 * beside /slack/events (as Bolt custom routes).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { ConfigError } from '../../src/config-error.ts';

export interface ReadinessCheck {
  name: string;
  /** True when ready; a check slower than the timeout counts as not ready. */
  check(): boolean | Promise<boolean>;
}

export interface OpsDeps {
  registry: Registry;
  checks: () => ReadinessCheck[];
  /** How long /readyz waits for a check. */
  checkTimeoutMs?: number;
}

export type OpsHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export const OPS_PATHS = { health: '/healthz', ready: '/readyz', metrics: '/metrics' } as const;

async function runCheck(check: ReadinessCheck, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  try {
    return await Promise.race([Promise.resolve().then(() => check.check()), late]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** Answers one of the three paths (anything else: 404). */
export function opsHandler(deps: OpsDeps): Record<(typeof OPS_PATHS)[keyof typeof OPS_PATHS], OpsHandler> {
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  return {
    [OPS_PATHS.health]: async (_req, res) => json(res, 200, { ok: true }),
    [OPS_PATHS.ready]: async (_req, res) => {
      const checks = deps.checks();
      const results = await Promise.all(checks.map(async (c) => [c.name, await runCheck(c, deps.checkTimeoutMs ?? 2_000)] as const));
      const ok = results.every(([, ready]) => ready);
      json(res, ok ? 200 : 503, { ok, checks: Object.fromEntries(results.map(([name, ready]) => [name, ready ? 'ok' : 'not ready'])) });
    },
    [OPS_PATHS.metrics]: async (_req, res) => {
      const text = await deps.registry.metrics();
      res.writeHead(200, { 'content-type': deps.registry.contentType });
      res.end(text);
    },
  };
}

export interface RunningOpsServer {
  port: number;
  close(): Promise<void>;
}

/** A server of its own for the three paths (GET only). */
export async function startOpsServer(port: number, deps: OpsDeps): Promise<RunningOpsServer> {
  const routes = opsHandler(deps);
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://ops').pathname as keyof typeof routes;
    const route = req.method === 'GET' || req.method === 'HEAD' ? routes[path] : undefined;
    if (!route) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"ok":false,"error":"not_found"}');
      return;
    }
    route(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  server.headersTimeout = 5_000;
  server.requestTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new ConfigError(
          'OPS_PORT',
          `${port} cannot be listened on: ${error.code ?? error.message}${error.code === 'EADDRINUSE' ? ' (in use)' : ''}`,
        ),
      ),
    );
    server.listen(port, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    // Closed last, when the stop's deadline may be all but spent: nothing on these connections
    // is the bot's work (a scrape or a probe is retried), so none is waited for, not even a
    // client that sent half a request.
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** OPS_PORT: a port number (0: any free one), or unset / `off` for none. */
export function readOpsPort(env: Record<string, string | undefined>): number | undefined {
  const raw = env.OPS_PORT?.trim();
  if (!raw || raw === 'off') return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError('OPS_PORT', `must be a port number (0–65535) or "off" (got "${raw}")`);
  return port;
}
