/**
 * Issue 16, "Done when", on Slack, wired as `npm start` wires it (startBot: real Bolt, the real
 * Web API client against the fake Slack, the SQLite file under DATA_DIR, the base read from
 * KNOWLEDGE_DIR and reloaded as a curator's edit reloads it): a digest post cites fact F; the
 * preview lists its correction before the reload; the reload sends one threaded correction
 * and one edit; a restart and a second instance send nothing more; a change to a fact nobody
 * was shown sends nothing; retracting F sends the withdrawal once, with two instances reloading.
 *
 * The steps share one database and one clock and run in order: on the SQLite file under
 * DATA_DIR, and on a real PostgreSQL (DATABASE_URL, a schema of its own) when
 * TEST_DATABASE_URL is set.
 */
import { rmSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSlack } from '../../adapters/slack/app.ts';
import { TEST_DATABASE_URL } from '../digest/support.ts';
import { FakeClock, type Instance, startInstance, tempDataDir } from '../e2e/support.ts';
import { type ApiCall, type FakeSlack, startFakeSlack } from '../slack/fake-slack-api.ts';
import { actionBody, FORM, post as postSigned, SIGNING_SECRET, shareActionPayload } from '../slack/signed-requests.ts';
import { curatedBase, FACT, previewCorrections, UNSHOWN } from './support.ts';

const CHANNEL = 'C0CORRECT';

interface Block {
  type: string;
  text?: { text: string };
  fields?: { text: string }[];
  elements?: { text: string }[];
}

/** Where the instances keep their store: npm start's default, or DATABASE_URL. */
interface Database {
  name: string;
  env(): Promise<Record<string, string>>;
  cleanup(): Promise<void>;
}

const sqlite: Database = { name: 'SQLite', env: async () => ({}), cleanup: async () => undefined };

/** A PostgreSQL schema of this test's own, named in DATABASE_URL, dropped afterwards. */
function postgres(url: string): Database {
  const schema = `corrections_e2e_${process.pid}_${Date.now().toString(36)}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  return {
    name: 'PostgreSQL',
    env: async () => {
      await admin(`create schema ${schema}`);
      const withSchema = new URL(url);
      withSchema.searchParams.set('options', `-c search_path=${schema}`);
      return { DATABASE_URL: withSchema.toString() };
    },
    cleanup: () => admin(`drop schema if exists ${schema} cascade`),
  };
}

for (const database of [sqlite, ...(TEST_DATABASE_URL ? [postgres(TEST_DATABASE_URL)] : [])]) {
  let fake: FakeSlack;
  let data: ReturnType<typeof tempDataDir>;
  let base: ReturnType<typeof curatedBase>;
  let env: Record<string, string>;
  const bots: Instance[] = [];
  const clock = new FakeClock('2026-12-01T08:00:00Z');

  const start = async () => {
    const bot = await startInstance(env, clock, { knowledge: base.load() });
    bots.push(bot);
    return bot;
  };
  const stop = async (bot: Instance) => {
    await bot.stop();
    bots.splice(bots.indexOf(bot), 1);
  };

  beforeAll(async () => {
    fake = await startFakeSlack();
    data = tempDataDir();
    base = curatedBase();
    env = {
      SLACK_BOT_TOKEN: 'xoxb-corrections',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      PORT: '0',
      SLACK_API_URL: fake.apiUrl,
      DATA_DIR: data.dir,
      ...base.env,
      ...(await database.env()),
    };
  });

  afterAll(async () => {
    for (const bot of [...bots]) await bot.stop();
    await fake?.close();
    data?.remove();
    if (base) rmSync(base.root, { recursive: true, force: true });
    await database.cleanup();
  });

  const posts = (): ApiCall[] =>
    fake.calls.filter((c) => c.method === 'chat.postMessage' && c.params.channel === CHANNEL && c.refused === undefined);
  const replies = (ts: string) => posts().filter((c) => c.params.thread_ts === ts);
  const updates = (ts: string) =>
    fake.calls.filter((c) => c.method === 'chat.update' && c.params.ts === ts && c.params.channel === CHANNEL);
  const allText = (blocks: unknown) =>
    (blocks as Block[])
      .flatMap((b) => [b.text?.text ?? '', ...(b.fields ?? []).map((f) => f.text), ...(b.elements ?? []).map((e) => e.text)])
      .join('\n');

  let bot: Instance;
  let digestTs = '';
  let sharedTs = '';

  /** Reloads every running instance at once (each watches the same files) and waits for their corrections. */
  async function reloadAll() {
    await Promise.all(bots.map((b) => b.reload('test')));
    await Promise.all(bots.map((b) => b.corrector!.run()));
  }

  describe(`corrections on Slack, end to end, on ${database.name}`, () => {
    it('a digest post that cites the fact is recorded with the facts it showed', async () => {
      bot = await start();
      expect(bot.logger.entries.find((l) => l.msg === 'started')?.digestStore).toBe(database === sqlite ? 'sqlite' : 'postgresql');
      await bot.store.saveSubscription({
        platform: 'slack',
        channelId: CHANNEL,
        time: '09:00',
        timeZone: 'UTC',
        topics: ['trade'],
        subscribedBy: 'U0CURATOR',
        subscribedAt: '2026-11-30T00:00:00.000Z',
      });
      clock.set('2026-12-01T09:01:00Z');
      expect((await bot.scheduler.tick()).sent).toBe(1);
      expect(posts()).toHaveLength(1);
      digestTs = String(posts()[0].ts);
      expect(allText(posts()[0].params.blocks)).toContain('$240 billion');
      const [recorded, ...others] = await bot.storage.posts.posts();
      expect(others).toEqual([]);
      expect(recorded).toMatchObject({ platform: 'slack', channelId: CHANNEL, messageId: digestTs });
      expect(recorded.shown.map((s) => s.factId)).toContain(FACT);
      expect(recorded.shown.map((s) => s.factId)).not.toContain(UNSHOWN);
    });

    it('an answer shared to the channel that cites the fact is recorded too', async () => {
      const port = (bot.adapters[0].running as RunningSlack).port;
      const share = shareActionPayload('trade', fake.responseUrl('share-corrections'), 'U0SHARER', CHANNEL);
      const res = await postSigned(`http://127.0.0.1:${port}/slack/events`, actionBody(share), FORM);
      expect(res.status).toBe(200);
      await fake.until(() => posts().length === 2, 'the shared post');
      sharedTs = String(posts()[1].ts);
      expect(allText(posts()[1].params.blocks)).toContain('Shared by <@U0SHARER>');
      // The post is recorded just after Slack answers it: look until it is there.
      let shared: Awaited<ReturnType<typeof bot.storage.posts.posts>>[number] | undefined;
      for (let tries = 0; !shared && tries < 100; tries++) {
        shared = (await bot.storage.posts.posts()).find((p) => p.messageId === sharedTs);
        if (!shared) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(shared?.shown.map((s) => s.factId)).toContain(FACT);
    });

    it('corrections preview lists the change before it is reloaded, and nothing is sent', async () => {
      expect((await previewCorrections(env)).out).toBe('corrections: nothing to correct\n');
      base.changeFigure();
      const preview = await previewCorrections(env);
      expect(preview.code).toBe(0);
      const lines = preview.out.trim().split('\n');
      expect(lines[0]).toBe('corrections: 2 to send on the next reload');
      expect(lines.slice(1)).toEqual([
        expect.stringContaining(`slack ${CHANNEL} ${digestTs} `),
        expect.stringContaining(`slack ${CHANNEL} ${sharedTs} `),
      ]);
      expect(lines[1]).toContain(
        `${FACT} changed: "China and Russia traded goods worth $240 billion in 2025." [240 billion USD, 2025, actual] -> "China and Russia traded goods worth $245 billion in 2025." [245 billion USD, 2025, actual]`,
      );
      expect(replies(digestTs)).toEqual([]);
      expect(fake.calls.filter((c) => c.method === 'chat.update')).toEqual([]);
    });

    it('the reload sends one correction in the post’s thread, sourced, and one edit of the post', async () => {
      await reloadAll();
      const [reply, ...more] = replies(digestTs);
      expect(more).toEqual([]);
      const text = allText(reply.params.blocks);
      expect(text).toContain('Correction to this post');
      expect(text).toMatch(/We reported: China and Russia traded goods worth \$240 billion in 2025\..*\[1\]/);
      expect(text).toMatch(/Our sources now say: China and Russia traded goods worth \$245 billion in 2025\..*\[1\]/);
      // The citation is listed as every answer lists its sources.
      expect(text).toMatch(/\[1\] .*The trade ledger/);
      const [update, ...moreUpdates] = updates(digestTs);
      expect(moreUpdates).toEqual([]);
      const blocks = update.params.blocks as Block[];
      // The line goes under the answer, above the post's own 👍 / 👎 (when it had them, feedback on), which the edit keeps.
      const note = { type: 'context', elements: [{ type: 'mrkdwn', text: '_Corrected on 1 Dec 2026, see thread._' }] };
      const postBlocks = posts()[0].params.blocks as Block[];
      const votes = postBlocks.at(-1)?.type === 'context_actions' ? postBlocks.slice(-1) : [];
      expect(blocks).toEqual([...postBlocks.slice(0, postBlocks.length - votes.length), note, ...votes]);
      // The rest is the post as it was: the same header and the old figure.
      expect(blocks[0]).toEqual((posts()[0].params.blocks as Block[])[0]);
      expect(allText(blocks)).toContain('$240 billion');
      expect(String(update.params.text)).toMatch(/Corrected on 1 Dec 2026, see thread\.$/);
      // The shared answer is corrected the same way, once, and keeps naming its sharer.
      expect(replies(sharedTs)).toHaveLength(1);
      expect(allText(replies(sharedTs)[0].params.blocks)).toContain('Correction to this post');
      expect(updates(sharedTs)).toHaveLength(1);
      expect(allText(updates(sharedTs)[0].params.blocks)).toContain('Shared by <@U0SHARER>');
      expect((await previewCorrections(env)).out).toBe('corrections: nothing to correct\n');
    });

    it('a restart, and a second instance beside it, send nothing more', async () => {
      await stop(bot);
      bot = await start();
      const second = await start();
      await Promise.all([bot.corrector!.run(), second.corrector!.run()]);
      await reloadAll();
      expect(replies(digestTs)).toHaveLength(1);
      expect(updates(digestTs)).toHaveLength(1);
      expect(replies(sharedTs)).toHaveLength(1);
      expect(updates(sharedTs)).toHaveLength(1);
    });

    it('a change to a fact nobody was shown sends nothing', async () => {
      base.changeUnshown();
      expect((await previewCorrections(env)).out).toBe('corrections: nothing to correct\n');
      await reloadAll();
      expect(bots.map((b) => b.holder.snapshot.knowledge.factById.get(UNSHOWN)?.claim)).toEqual(
        bots.map(() => expect.stringContaining('still cause friction')),
      );
      expect(replies(digestTs)).toHaveLength(1);
      expect(updates(digestTs)).toHaveLength(1);
    });

    it('retracting the fact sends the withdrawal once, though both instances reload', async () => {
      base.retract();
      expect((await previewCorrections(env)).out).toContain(`${FACT} withdrawn (the ledger withdrew its total)`);
      // Slow posts: whichever instance corrects first is still posting when the other looks.
      fake.delay('chat.postMessage', 1500);
      await reloadAll();
      fake.delay('chat.postMessage', 0);
      expect(bots.map((b) => b.holder.snapshot.knowledge.factById.has(FACT))).toEqual(bots.map(() => false));
      // One withdrawal per post, whichever instance sent it.
      const sent = bots.flatMap((b) =>
        b.logger.entries.filter((l) => l.msg === 'correction' && l.kind === 'withdrawn' && l.outcome === 'sent'),
      );
      expect(sent).toHaveLength(2);
      expect(replies(sharedTs)).toHaveLength(2);
      const [, withdrawal, ...more] = replies(digestTs);
      expect(more).toEqual([]);
      const text = allText(withdrawal.params.blocks);
      expect(text).toContain('Correction: a fact in this post has been withdrawn');
      expect(text).toContain('This fact has been withdrawn: the ledger withdrew its total.');
      // What we reported is the fact as the post showed it, cited.
      expect(text).toMatch(/We reported: China and Russia traded goods worth \$240 billion in 2025\..*\[1\]/);
      expect(updates(digestTs)).toHaveLength(2);
      // And a restart after it: nothing more.
      for (const b of [...bots]) await stop(b);
      bot = await start();
      await bot.corrector!.run();
      expect(replies(digestTs)).toHaveLength(2);
      expect(updates(digestTs)).toHaveLength(2);
    });
  });
}
