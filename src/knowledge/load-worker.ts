/**
 * The worker thread's side of `loadKnowledgeOffThread`: runs the pure loader on one base and
 * posts back the validated base (plain data and Maps, which survive a structured clone) or
 * the issues that stopped it. One base per worker; the worker ends after posting.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { KnowledgeError, SinorussiaError } from '../errors.ts';
import { loadKnowledge } from './load.ts';
import type { LoadReply, LoadRequest } from './load-off-thread.ts';

const { dir, textsDir } = workerData as LoadRequest;
let reply: LoadReply;
try {
  reply = { ok: true, knowledge: loadKnowledge(dir, { textsDir }) };
} catch (error) {
  if (error instanceof KnowledgeError) reply = { ok: false, issues: error.issues };
  else reply = { ok: false, code: error instanceof SinorussiaError ? error.code : undefined, message: (error as Error).message };
}
// Imported outside a worker there is nobody to answer.
if (!parentPort) throw new SinorussiaError('BAD_CONFIG', 'load-worker.ts runs only as a worker thread (parentPort is null)', parentPort);
parentPort.postMessage(reply);
