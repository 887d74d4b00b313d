/**
 * The worker thread's side of `loadKnowledgeOffThread`: runs the pure loader on one base and
 * posts back the validated base (plain data and Maps, which survive a structured clone), its
 * facts in batches as the main thread asks for them, or the issues that stopped it. One base
 * per worker; the main thread ends the worker once it has the whole base.
 */
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { KnowledgeError, SinorussiaError } from '../errors.ts';
import { loadKnowledge } from './load.ts';
import { FACT_BATCH, type FactBatch, type LoadReply, type LoadRequest } from './load-off-thread.ts';

const { dir, textsDir } = workerData as LoadRequest;
// Only ever started as a worker thread, which always has a port to its parent.
const port = parentPort as MessagePort;
try {
  const knowledge = loadKnowledge(dir, { textsDir });
  const { facts } = knowledge;
  const reply: LoadReply = { ok: true, knowledge: { ...knowledge, facts: [], factById: new Map() }, factCount: facts.length };
  port.postMessage(reply);
  let next = 0;
  port.on('message', () => {
    const batch: FactBatch = { facts: facts.slice(next, next + FACT_BATCH) };
    next += FACT_BATCH;
    port.postMessage(batch);
  });
} catch (error) {
  let reply: LoadReply;
  if (error instanceof KnowledgeError) reply = { ok: false, issues: error.issues };
  else reply = { ok: false, code: error instanceof SinorussiaError ? error.code : undefined, message: (error as Error).message };
  port.postMessage(reply);
}
