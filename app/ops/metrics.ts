/**
 * The bot's Prometheus metrics (prom-client), in a registry of its own per process: answers
 * by surface and kind and their latency, outbound errors by platform and code, digest posts
 * by outcome, the knowledge base's load, and Node's own (event-loop lag, memory, CPU).
 * Recorded at the app level: the answerer is wrapped per surface, the digest scheduler
 * reports through its observer. Adapters may be handed `outboundError` if they need it.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Core } from '../../src/core.ts';
import type { DigestObserver } from '../../src/digest/types.ts';
import type { Knowledge } from '../../src/knowledge/types.ts';

export interface BotMetrics {
  registry: Registry;
  /** The answerer, counting and timing every answer as coming from `surface`. */
  instrument(answerer: Core, surface: string): Core;
  /** The digest scheduler's observer. */
  digest: DigestObserver;
  /** A call to a platform that failed (a post, a lookup, a response_url), by a short code. */
  outboundError(platform: string, code: string): void;
  knowledgeLoaded(knowledge: Knowledge, at?: Date): void;
  /** A reload of the running bot's base: a success also records the base now loaded. */
  knowledgeReload(outcome: 'success' | 'failure', knowledge?: Knowledge, at?: Date): void;
}

/** A short, bounded label from an error text: `ratelimited`, `HTTP`, `timeout`, `403`… */
export function errorCode(error: string | undefined): string {
  const text = (error ?? '').replace(/^looking for an earlier post: /, '');
  if (/^timed out/.test(text)) return 'timeout';
  const first = /^[A-Za-z0-9_]{1,40}/.exec(text)?.[0];
  return first ?? 'other';
}

export function createMetrics(): BotMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'sinorussia_requests_total',
    help: 'Requests answered by the answerer, by surface.',
    labelNames: ['surface'],
    registers: [registry],
  });
  const answers = new Counter({
    name: 'sinorussia_answers_total',
    help: 'Answers given, by surface and kind (help, topics, topic, search, no-match, sources, timeline, verify, digest, error).',
    labelNames: ['surface', 'kind'],
    registers: [registry],
  });
  const noMatch = new Counter({
    name: 'sinorussia_no_match_total',
    help: 'Questions nothing in the base answers, by surface.',
    labelNames: ['surface'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'sinorussia_answer_duration_seconds',
    help: 'Time to compose an answer (not to deliver it), by surface.',
    labelNames: ['surface'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const outbound = new Counter({
    name: 'sinorussia_outbound_errors_total',
    help: 'Failed calls to a platform, by platform and code.',
    labelNames: ['platform', 'code'],
    registers: [registry],
  });
  const posts = new Counter({
    name: 'sinorussia_digest_posts_total',
    help:
      'Digest deliveries by platform and outcome ' +
      '(sent, found = an earlier attempt had posted, retry, paused, failed, skipped, lost-lease).',
    labelNames: ['platform', 'outcome'],
    registers: [registry],
  });
  const facts = new Gauge({ name: 'sinorussia_knowledge_facts', help: 'Facts in the knowledge base loaded.', registers: [registry] });
  const sources = new Gauge({ name: 'sinorussia_knowledge_sources', help: 'Sources in the knowledge base loaded.', registers: [registry] });
  const loadedAt = new Gauge({
    name: 'sinorussia_knowledge_loaded_timestamp_seconds',
    help: 'When the knowledge base was last loaded (Unix time).',
    registers: [registry],
  });
  const reloads = new Counter({
    name: 'sinorussia_knowledge_reloads_total',
    help: 'Reloads of the knowledge base while running, by outcome (success; failure = the last good base kept).',
    labelNames: ['outcome'],
    registers: [registry],
  });
  const loaded = (knowledge: Knowledge, at: Date) => {
    facts.set(knowledge.facts.length);
    sources.set(knowledge.sources.size);
    loadedAt.set(at.getTime() / 1000);
  };

  const record = (surface: string, started: bigint, kind: string, matched: boolean) => {
    latency.observe({ surface }, Number(process.hrtime.bigint() - started) / 1e9);
    answers.inc({ surface, kind });
    if (!matched) noMatch.inc({ surface });
  };

  return {
    registry,
    instrument(answerer, surface) {
      return {
        context: answerer.context,
        parseText: (text, options) => answerer.parseText(text, options),
        answerNow(request) {
          requests.inc({ surface });
          const started = process.hrtime.bigint();
          const answer = answerer.answerNow(request);
          record(surface, started, answer.kind, answer.matched);
          return answer;
        },
        async answer(request, where) {
          requests.inc({ surface });
          const started = process.hrtime.bigint();
          try {
            const answer = await answerer.answer(request, where);
            record(surface, started, answer.kind, answer.matched);
            return answer;
          } catch (error) {
            record(surface, started, 'error', true);
            throw error;
          }
        },
      };
    },
    digest: {
      delivery(platform, outcome, error) {
        posts.inc({ platform, outcome });
        if (outcome === 'retry' || outcome === 'paused' || outcome === 'failed') outbound.inc({ platform, code: errorCode(error) });
      },
    },
    outboundError: (platform, code) => outbound.inc({ platform, code }),
    knowledgeLoaded: (knowledge, at = new Date()) => loaded(knowledge, at),
    knowledgeReload(outcome, knowledge, at = new Date()) {
      reloads.inc({ outcome });
      if (outcome === 'success' && knowledge) loaded(knowledge, at);
    },
  };
}
