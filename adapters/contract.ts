/**
 * What a chat platform's adapter gives the bot, and what the bot gives it. `startBot` (app/)
 * starts every configured adapter through this contract and nothing else, so a new platform
 * is one folder under adapters/ plus one line where app/platforms.ts lists the platforms.
 *
 * Writing one:
 * - Read your settings from the environment in a light config module that loads no platform
 *   library; return nothing when the platform's variables are absent, throw a ConfigError
 *   naming the variable when one is malformed. The library loads only in `start`.
 * - `start(deps)` connects, subscribes to the platform's events and answers each request with
 *   `deps.answerer`. Resolve once requests are being taken; reject with a StartupError (one
 *   line naming what to fix) when the platform refuses the credentials or cannot be reached.
 * - Rate-limit per person with `deps.limiter`, skip redeliveries with `deps.seen`, log through
 *   `deps.logger`, and never echo anything that can ping someone.
 * - `stop(deadline)` takes no new requests at once, finishes the answers under way until
 *   `deadline`, and cuts off the rest; it never throws.
 * - Return a `poster` if the platform can carry the daily digest; the digest then posts there.
 * - Import only src/ and adapters/ files shared by every adapter (this one, outbound-errors.ts),
 *   never app/ or another adapter.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Core } from '../src/core.ts';
import type { RecordPost } from '../src/corrections/types.ts';
import type { DigestPoster, Subscription } from '../src/digest/types.ts';
import type { FeedbackReport } from '../src/feedback/report.ts';
import type { FeedbackRecorder } from '../src/feedback/types.ts';
import type { Logger } from '../src/log.ts';
import type { Outbox } from '../src/outbox.ts';
import type { RateLimiter } from '../src/rate-limit.ts';
import type { SeenStore } from '../src/seen-store.ts';
import type { OutboundErrorHook } from './outbound-errors.ts';

export interface ChatAdapter {
  /** Names the platform in logs, metrics, readiness and digest subscriptions: `slack`, `discord`, `console`… */
  name: string;
  /** Connects and starts answering; resolves with the running adapter. */
  start(deps: AdapterDeps): Promise<RunningAdapter>;
}

export interface RunningAdapter {
  /** Stops taking requests and finishes what it can by `deadline` (ms since the epoch; the adapter's own default when absent). */
  stop(deadline?: number): Promise<void>;
  /** Connected to the platform now (the operator's /readyz); absent: ready once started. */
  ready?(): boolean;
  /** How the daily digest posts on this platform; absent: the platform carries no digest. */
  poster?: DigestPoster;
  /** Settles when the adapter ends on its own (the console's user quit); absent: it runs until stopped. */
  ended?: Promise<void>;
}

/** Everything an adapter is handed; only `answerer` and `logger` are always there. */
export interface AdapterDeps {
  /** Answers what a person asked; never throws. */
  answerer: Core;
  logger: Logger;
  /** Requests already answered, shared with other instances when DATABASE_URL is set; the adapter's own memory when absent. */
  seen?: SeenStore;
  /** Questions per person, one bucket across platforms; the adapter's default bucket when absent. */
  limiter?: RateLimiter;
  /** Extra GET routes an adapter with an HTTP server of its own serves too (the operator's /readyz, /metrics). */
  routes?: OpsRoute[];
  /** Told of each failed call to the platform, by a short code (the operator's metrics). */
  outboundError?: OutboundErrorHook;
  /** Subscribes to reloads of the knowledge base, to drop what was cached from the old one. */
  onKnowledgeReload?: (listener: () => void) => void;
  /** Where answers waiting to retry are kept, so a restart still delivers them; memory only when absent. */
  outbox?: Outbox;
  /**
   * Call after posting an answer others can read (shared to a channel, a reply to a mention),
   * with the posted message's id, so a later correction reaches it. Never for an ephemeral
   * answer. Never rejects. Absent: corrections are off.
   */
  recordPost?: RecordPost;
  /**
   * Readers' 👍 / 👎 and the questions nothing answered (record those only from a workspace);
   * absent or `enabled: false` (FEEDBACK=off): show no buttons, record nothing.
   */
  feedback?: FeedbackRecorder;
  /** The curators and their report, and channels' digests: Slack's App Home and Discord's report read these. */
  home?: FeedbackViews;
}

/** What feedback shows back: who the curators are, the report as of now, channels' digest subscriptions. */
export interface FeedbackViews {
  curators: readonly string[];
  report(): Promise<FeedbackReport>;
  subscriptions(channelIds: string[]): Promise<Subscription[]>;
}

/** A GET route on an adapter's HTTP server. */
export interface OpsRoute {
  path: string;
  handler(req: IncomingMessage, res: ServerResponse): Promise<void>;
}
