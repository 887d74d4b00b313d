/**
 * Two instances of the Slack adapter (real Bolt, real signing) on one database: a
 * redelivered event, a replayed slash command and a replayed Share click that reach both
 * are answered once between them. On PGlite always, on PostgreSQL when TEST_DATABASE_URL is set.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { type RunningSlack, startSlack } from '../../adapters/slack/index.ts';
import { memoryLogger } from '../../src/log.ts';
import { realAnswerer } from '../helpers/real.ts';
import { SEEN_DATABASES } from '../helpers/seen-stores.ts';
import { type FakeSlack, startFakeSlack } from './fake-slack-api.ts';
import { actionBody, commandBody, eventBody, FORM, post, SIGNING_SECRET, shareActionPayload } from './signed-requests.ts';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe.each(SEEN_DATABASES)('two Slack instances sharing %s', (_name, database) => {
  it('answer a redelivered event, a replayed slash command and a replayed Share click once between them', async () => {
    const fake: FakeSlack = await startFakeSlack();
    const apps: RunningSlack[] = [];
    try {
      const db = await database();
      cleanups.push(() => db.cleanup());
      for (const seen of [await db.open(), await db.open()]) {
        apps.push(
          await startSlack(
            { mode: 'http', botToken: 'xoxb-test', signingSecret: SIGNING_SECRET, port: 0, apiUrl: fake.apiUrl, webApiRetries: 0 },
            { answerer: realAnswerer(), logger: memoryLogger(), seen },
          ),
        );
      }
      const endpoints = apps.map((app) => `http://127.0.0.1:${app.port}/slack/events`);
      const toBoth = async (body: string, type: string) => {
        for (const endpoint of endpoints) expect((await post(endpoint, body, type)).status).toBe(200);
      };
      await toBoth(
        eventBody('EvShared1', {
          type: 'app_mention',
          channel: 'C0SHARED',
          user: 'U0ASKER',
          text: '<@UBOT> trade',
          ts: '1700000000.005000',
        }),
        'application/json',
      );
      await toBoth(commandBody('energy', fake.responseUrl('shared-slash')), FORM);
      await toBoth(actionBody(shareActionPayload('trade', fake.responseUrl('shared-share'), 'U0SHARER', 'C0SHAREDSHARE')), FORM);
      const posts = (channel: string) => fake.calls.filter((c) => c.method === 'chat.postMessage' && c.params.channel === channel);
      await fake.until(
        () => posts('C0SHARED').length >= 1 && posts('C0SHAREDSHARE').length >= 1 && fake.responses.some((r) => r.id === 'shared-slash'),
        'the answers',
      );
      // A later request to each instance, answered, shows the repeats were skipped, not slow.
      for (const [i, endpoint] of endpoints.entries()) {
        await post(endpoint, commandBody('topics', fake.responseUrl(`barrier-${i}`)), FORM);
      }
      await fake.until(() => fake.responses.filter((r) => r.id.startsWith('barrier-')).length === 2, 'the barriers');
      expect(posts('C0SHARED')).toHaveLength(1);
      expect(posts('C0SHAREDSHARE')).toHaveLength(1);
      expect(fake.responses.filter((r) => r.id === 'shared-slash')).toHaveLength(1);
    } finally {
      for (const app of apps) await app.stop();
      await fake.close();
    }
  });
});
