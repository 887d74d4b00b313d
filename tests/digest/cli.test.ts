/** `sinorussia digest preview [--date] [--channel]` prints a rendered digest. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDigestStore } from '../../stores/sql/open-store.ts';
import { cli, sink } from '../helpers/cli.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'sinorussia-cli-digest-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('sinorussia digest preview', () => {
  it('prints the digest of a date, with its sources and an on-this-day fact', async () => {
    const { code, out } = await cli('digest', 'preview', '--date', '2026-06-17');
    expect(code).toBe(0);
    expect(out).toMatch(/^Daily digest, 17 Jun 2026: \w+/);
    expect(out).toContain('on this day · 17 Jun 2021');
    expect(out).toContain('\nSources\n[1] ');
  });

  it('uses a subscribed channel’s topics; an unknown channel previews all topics', async () => {
    const previous = process.env.DATA_DIR;
    process.env.DATA_DIR = dataDir;
    try {
      const store = await openDigestStore({ dataDir });
      await store.saveSubscription({
        platform: 'slack',
        channelId: 'C777',
        time: '08:00',
        timeZone: 'Asia/Shanghai',
        topics: ['energy'],
        subscribedBy: 'U1',
        subscribedAt: '2026-01-01T00:00:00Z',
      });
      await store.close();
      const subscribed = await cli('digest', 'preview', '--date', '2026-05-04', '--channel', 'C777');
      expect(subscribed.out).toContain('Daily digest, 4 May 2026: Energy');
      expect(subscribed.out).toContain('slack channel C777 (08:00 Asia/Shanghai, energy)');
      const unknown = await cli('digest', 'preview', '--channel', 'NOPE');
      expect(unknown.out).toContain('channel NOPE, which is not subscribed: all topics');
    } finally {
      if (previous === undefined) delete process.env.DATA_DIR;
      else process.env.DATA_DIR = previous;
    }
  });

  it('rejects a bad date or a missing subcommand with exit code 2', async () => {
    expect(await cli('digest', 'preview', '--date', '17/06/2026')).toMatchObject({
      code: 2,
      err: expect.stringContaining('use YYYY-MM-DD'),
    });
    expect(await cli('digest')).toMatchObject({ code: 2, err: expect.stringContaining('digest needs "preview"') });
  });
});
