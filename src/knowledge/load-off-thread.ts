/**
 * Reads and validates a base in a worker thread, so a reload of a large base (or one whose
 * quotes are checked against the texts) never holds up answers on the main thread. The
 * worker runs the same pure `loadKnowledge`; what comes back is the same `Knowledge`, or the
 * same `KnowledgeError` with every issue.
 */
import { Worker } from 'node:worker_threads';
import { type ErrorCode, KnowledgeError, type KnowledgeIssue, SinorussiaError } from '../errors.ts';
import type { LoadOptions } from './load.ts';
import type { Knowledge } from './types.ts';

export interface LoadRequest {
  dir: string;
  textsDir?: string;
}

export type LoadReply =
  | { ok: true; knowledge: Knowledge }
  | { ok: false; issues: KnowledgeIssue[] }
  | { ok: false; code?: string; message: string };

/**
 * The worker's entry: next to this module. From the esbuild bundle (dist/) that is the
 * bundled `load-worker.js`; from the TypeScript sources, a small .mjs that registers tsx in the
 * worker (the main thread's loader hooks do not carry over) and then loads `load-worker.ts`.
 */
function startWorker(request: LoadRequest): Worker {
  const here = import.meta.url;
  if (!/\.[cm]?ts$/.test(new URL(here).pathname)) return new Worker(new URL('./load-worker.js', here), { workerData: request });
  return new Worker(new URL('./load-worker-tsx.mjs', here), { workerData: request });
}

/** `loadKnowledge(dir, options)`, run in a worker thread: resolves with the base or rejects with its issues. */
export function loadKnowledgeOffThread(dir: string, options: LoadOptions = {}): Promise<Knowledge> {
  return new Promise((resolve, reject) => {
    const worker = startWorker({ dir, textsDir: options.textsDir });
    let settled = false;
    worker.once('message', (reply: LoadReply) => {
      settled = true;
      if (reply.ok) resolve(reply.knowledge);
      else if ('issues' in reply) reject(new KnowledgeError(reply.issues));
      else
        reject(new SinorussiaError((reply.code ?? 'KNOWLEDGE_UNREADABLE') as ErrorCode, reply.message.replace(/^sinorussia: /, ''), dir));
      void worker.terminate();
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled)
        reject(new SinorussiaError('KNOWLEDGE_UNREADABLE', `the knowledge loader stopped (exit code ${code}) before reading ${dir}`, dir));
    });
  });
}
