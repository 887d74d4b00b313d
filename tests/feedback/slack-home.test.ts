/**
 * The App Home: the pure view builder, and the `app_home_opened` listener on a real Bolt app
 * (real HTTP receiver, signed requests) publishing through the fake Slack Web API.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, LogLevel } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHomeView, MAX_HOME_BLOCKS, registerHome } from '../../adapters/slack/home.ts';
import { buildReport, createFeedbackRecorder, feedbackTarget, userHasher } from '../../src/feedback/index.ts';
import { memoryLogger } from '../../src/log.ts';
import type { KyselyDigestStore } from '../../stores/sql/digest-store.ts';
import { createSqlFeedbackStore } from '../../stores/sql/feedback-store.ts';
import { openSqliteStore } from '../../stores/sql/open-store.ts';
import { FakeClock, realKnowledge } from '../digest/support.ts';
import { answerText, realAnswerer } from '../helpers/real.ts';
import { type FakeSlack, startFakeSlack } from '../slack/fake-slack-api.ts';
import { eventBody, post, SIGNING_SECRET } from '../slack/signed-requests.ts';

const json = (value: unknown) => JSON.stringify(value);

describe('buildHomeView', () => {
  const report = buildReport({
    votes: [
      {
        answerId: 'a1',
        kind: 'search',
        query: 'gas <!channel> deal',
        factIds: ['f-1'],
        direction: 'down',
        reason: { code: 'other', text: 'see <@U0BAD> & co' },
        platform: 'slack',
        userHash: 'h',
        at: 0,
      },
    ],
    unanswered: [{ platform: 'slack', normalised: 'x', example: 'best <b>borscht</b>', count: 2, firstSeen: 0, lastSeen: 0 }],
    knowledge: realKnowledge(),
    now: new Date(0),
  });

  it('shows everyone the capabilities, topics and their channels’ digests, and no feedback', () => {
    const view = buildHomeView({
      subscriptions: [
        {
          platform: 'slack',
          channelId: 'C0DIGEST',
          time: '09:00',
          timeZone: 'Europe/Berlin',
          topics: ['energy'],
          subscribedBy: 'U1',
          subscribedAt: '',
        },
      ],
    });
    expect(view.type).toBe('home');
    const text = json(view.blocks);
    expect(text).toContain('/sinorussia topics');
    expect(text).toContain('*energy*');
    expect(text).toContain('<#C0DIGEST>: 09:00 Europe/Berlin, energy');
    expect(text).not.toContain('Curators');
    expect(text).not.toContain('/sinorussia report');
  });

  it('adds the report for a curator, escaped, within Slack’s limits', () => {
    const view = buildHomeView({ subscriptions: [], report });
    const text = json(view.blocks);
    expect(text).toContain('Curators: what readers need');
    // Among what they can ask: the same report anywhere, privately.
    expect(text).toContain('• `/sinorussia report` — this feedback report');
    expect(text).toContain('2× best &lt;b&gt;borscht&lt;/b&gt;');
    expect(text).toContain('`gas &lt;!channel&gt; deal`');
    expect(text).toContain('see &lt;@U0BAD&gt; &amp; co');
    expect(text).not.toMatch(/<!channel>|<@U0BAD>/);
    expect(view.blocks.length).toBeLessThanOrEqual(MAX_HOME_BLOCKS);
    for (const block of view.blocks) if (block.type === 'section') expect(block.text!.text.length).toBeLessThanOrEqual(3000);
  });
});

describe('registerHome on a real Bolt app', () => {
  let fake: FakeSlack;
  let app: App;
  let endpoint: string;
  let digest: KyselyDigestStore;
  const dir = mkdtempSync(join(tmpdir(), 'sinorussia-home-'));
  const logger = memoryLogger();

  beforeAll(async () => {
    fake = await startFakeSlack();
    digest = await openSqliteStore(join(dir, 'bot.sqlite'));
    const feedback = createSqlFeedbackStore(digest.db);
    const clock = new FakeClock('2026-12-01T10:00:00Z');
    const recorder = createFeedbackRecorder({ store: feedback, hashUser: userHasher('home-test-key-0123456789'), clock, logger });
    const answer = answerText(realAnswerer(), 'gas deal');
    await recorder.vote({
      target: feedbackTarget(answer),
      direction: 'down',
      reason: { code: 'outdated' },
      platform: 'slack',
      userId: 'U0READER',
    });
    await recorder.unanswered({ platform: 'slack', question: 'Best restaurants in Moscow?' });
    await recorder.unanswered({ platform: 'slack', question: 'best restaurants in moscow' });
    await digest.saveSubscription({
      platform: 'slack',
      channelId: 'C0DIGEST',
      time: '08:30',
      timeZone: 'Asia/Shanghai',
      topics: [],
      subscribedBy: 'U1',
      subscribedAt: '2026-11-01T00:00:00Z',
    });
    await digest.saveSubscription({
      platform: 'slack',
      channelId: 'C0OTHER',
      time: '07:00',
      timeZone: 'UTC',
      topics: [],
      subscribedBy: 'U1',
      subscribedAt: '2026-11-01T00:00:00Z',
    });
    fake.setUserChannels('U0CURATOR', ['C0DIGEST']);
    fake.setUserChannels('U0READER', ['C0DIGEST', 'C0NODIGEST']);
    app = new App({
      token: 'xoxb-test',
      signingSecret: SIGNING_SECRET,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
    });
    registerHome(app, {
      curators: ['U0CURATOR'],
      subscriptions: async (ids) => (await Promise.all(ids.map((id) => digest.channelSubscriptions(id)))).flat(),
      report: async () =>
        buildReport({
          votes: await feedback.votes(),
          unanswered: await feedback.unanswered(),
          knowledge: realKnowledge(),
          now: clock.now(),
        }),
      logger,
    });
    const server = (await app.start(0)) as Server;
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
    await digest?.close();
    await fake?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const open = async (eventId: string, user: string, tab = 'home') => {
    const before = fake.views.length;
    const res = await post(
      endpoint,
      eventBody(eventId, { type: 'app_home_opened', user, channel: 'D0HOME', tab, event_ts: '1800000000.000100' }),
      'application/json',
    );
    expect(res.status).toBe(200);
    return before;
  };

  it('publishes the curator’s Home with the report: the unanswered question, the 👎 answer, its reason and facts', async () => {
    const before = await open('EvHomeCurator', 'U0CURATOR');
    await fake.until(() => fake.views.length > before, 'the curator’s Home');
    const published = fake.views[before];
    expect(published).toMatchObject({ method: 'views.publish', userId: 'U0CURATOR', view: { type: 'home' } });
    const text = json(published.view.blocks);
    expect(text).toContain('2× best restaurants in moscow');
    expect(text).toContain('`gas deal` (search): outdated ×1');
    expect(text).toContain(feedbackTarget(answerText(realAnswerer(), 'gas deal')).factIds[0]);
    expect(text).toContain('<#C0DIGEST>: 08:30 Asia/Shanghai, all topics');
    expect(text).not.toContain('C0OTHER');
  });

  it('publishes a reader’s Home without any feedback, with their channels’ digests', async () => {
    const before = await open('EvHomeReader', 'U0READER');
    await fake.until(() => fake.views.length > before, 'the reader’s Home');
    const text = json(fake.views[before].view.blocks);
    expect(fake.views[before].userId).toBe('U0READER');
    expect(text).toContain('<#C0DIGEST>');
    expect(text).not.toContain('Curators');
    expect(text).not.toContain('restaurants');
    expect(text).not.toContain('gas deal');
  });

  it('ignores the Messages tab, and logs a refused publish instead of crashing', async () => {
    await open('EvHomeMessages', 'U0CURATOR', 'messages');
    fake.failNext('views.publish', 'not_enabled');
    await open('EvHomeRefused', 'U0READER');
    await fake.until(() => logger.entries.some((e) => String(e.msg ?? e.message).includes('could not publish')), 'the logged refusal');
    const homeCalls = fake.calls.filter((c) => c.method === 'views.publish');
    expect(homeCalls).toHaveLength(3);
  });
});
