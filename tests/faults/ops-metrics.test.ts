/** Digest posts by outcome and outbound errors by platform and code, as the scheduler reports them. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createMetrics, errorCode } from '../../app/ops/metrics.ts';
import { DigestScheduler } from '../../src/digest/scheduler.ts';
import { memoryLogger } from '../../src/log.ts';
import type { KyselyDigestStore } from '../../stores/sql/digest-store.ts';
import { type Backend, FakeClock, fakePoster, realBase, sqliteBackend, UNPACED } from '../digest/support.ts';

let backend: Backend;
let store: KyselyDigestStore;
beforeEach(async () => {
  backend = sqliteBackend();
  store = await backend.open();
});
afterEach(async () => backend.cleanup());

it('counts digest posts by outcome and failed calls by code', async () => {
  const clock = new FakeClock('2026-05-04T09:00:00Z');
  for (const channelId of ['C1', 'C2', 'C3']) {
    await store.saveSubscription({
      platform: 'slack',
      channelId,
      time: '09:00',
      timeZone: 'UTC',
      topics: [],
      subscribedBy: 'U1',
      subscribedAt: '2026-01-01T00:00:00Z',
    });
  }
  const metrics = createMetrics();
  const poster = fakePoster('slack', clock, (channelId) =>
    channelId === 'C2'
      ? { ok: false, kind: 'retry', retryAfterMs: 1_000, error: 'ratelimited' }
      : channelId === 'C3'
        ? { ok: false, kind: 'gone', error: 'channel_not_found' }
        : { ok: true },
  );
  const scheduler = new DigestScheduler({
    store,
    ...realBase(),
    posters: [poster],
    logger: memoryLogger(),
    clock,
    sleep: clock.sleep,
    settings: UNPACED,
    observer: metrics.digest,
  });
  await scheduler.tick();
  const text = await metrics.registry.metrics();
  expect(text).toContain('sinorussia_digest_posts_total{platform="slack",outcome="sent"} 1');
  expect(text).toContain('sinorussia_digest_posts_total{platform="slack",outcome="retry"} 1');
  expect(text).toContain('sinorussia_digest_posts_total{platform="slack",outcome="paused"} 1');
  expect(text).toContain('sinorussia_outbound_errors_total{platform="slack",code="ratelimited"} 1');
  expect(text).toContain('sinorussia_outbound_errors_total{platform="slack",code="channel_not_found"} 1');
});

it('makes short, bounded codes of error texts', () => {
  expect(errorCode('timed out after 10000 ms')).toBe('timeout');
  expect(errorCode('looking for an earlier post: HTTP 500')).toBe('HTTP');
  expect(errorCode('429 rate limited (global)')).toBe('429');
  expect(errorCode('<html>')).toBe('other');
  expect(errorCode(undefined)).toBe('other');
});
