/**
 * Reads and validates a base in a worker thread, so a reload of a large base (or one whose
 * quotes are checked against the texts) never holds up answers on the main thread. The
 * worker runs the same pure `loadKnowledge`; what comes back is the same `Knowledge`, or the
 * same `KnowledgeError` with every issue.
 */
import { Worker } from 'node:worker_threads';
import { type ErrorCode, KnowledgeError, type KnowledgeIssue, SinorussiaError } from '../errors.ts';
import type { LoadOptions } from './load.ts';
import type { Fact, Knowledge } from './types.ts';

export interface LoadRequest {
  dir: string;
  textsDir?: string;
}

/**
 * The worker's first reply. A good base comes without its facts (`facts` empty, `factCount`
 * given), which follow in batches, one each time the main thread asks for more: receiving a
 * whole large base in one message would hold the main thread while it is copied in.
 */
export type LoadReply =
  | { ok: true; knowledge: Knowledge; factCount: number }
  | { ok: false; issues: KnowledgeIssue[] }
  | { ok: false; code?: string; message: string };

/** A batch of the base's facts, in order. */
export interface FactBatch {
  facts: Fact[];
}

/** Facts per batch: a batch is copied in well within an answer's time. */
export const FACT_BATCH = 200;

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
    let received: { knowledge: Knowledge; factCount: number } | undefined;
    const settle = (outcome: () => void) => {
      settled = true;
      outcome();
      void worker.terminate();
    };
    const moreOrDone = ({ knowledge, factCount }: { knowledge: Knowledge; factCount: number }) => {
      if (knowledge.facts.length < factCount) return worker.postMessage('more');
      // The same map the loader makes: every standing fact by its id.
      settle(() => resolve({ ...knowledge, factById: new Map(knowledge.facts.map((f) => [f.id, f])) }));
    };
    worker.on('message', (message: LoadReply | FactBatch) => {
      if (received) {
        const { facts } = message as FactBatch;
        const sent = received;
        if (facts.length === 0)
          return settle(() =>
            reject(
              new SinorussiaError(
                'KNOWLEDGE_UNREADABLE',
                `the knowledge loader sent ${sent.knowledge.facts.length} of the ${sent.factCount} facts it announced for ${dir}`,
                dir,
              ),
            ),
          );
        sent.knowledge.facts.push(...facts);
        return moreOrDone(sent);
      }
      const reply = message as LoadReply;
      if (reply.ok) {
        received = { knowledge: reply.knowledge, factCount: reply.factCount };
        moreOrDone(received);
      } else if ('issues' in reply) settle(() => reject(new KnowledgeError(reply.issues)));
      else
        settle(() =>
          reject(new SinorussiaError((reply.code ?? 'KNOWLEDGE_UNREADABLE') as ErrorCode, reply.message.replace(/^sinorussia: /, ''), dir)),
        );
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
