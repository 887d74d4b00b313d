/**
 * `sinorussia report` reached through the command line's dispatcher (not cli-report.ts
 * directly): its own options pass through, and an empty DATA_DIR gives the empty report.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../app/cli.ts';
import { sink } from '../helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'sinorussia-cli-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...args: string[]) {
  const [out, err] = [sink(), sink()];
  const code = await runCli(args, out.stream, err.stream, { DATA_DIR: dir });
  return { code, out: out.text(), err: err.text() };
}

describe('sinorussia report (through the CLI)', () => {
  it('prints the empty report on an empty DATA_DIR', async () => {
    const { code, out, err } = await cli('report');
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(out).toMatch(/^Feedback report \(generated /);
    expect(out).toContain('0 votes (0 👍, 0 👎); 0 unanswered questions, asked 0 times');
    expect(out).toMatch(/Top unanswered questions\n {2}none\n/);
  });

  it('passes --since and --json through, and is listed in the usage', async () => {
    const json = JSON.parse((await cli('report', '--since', '2026-01-01', '--json')).out);
    expect(json).toMatchObject({ since: '2026-01-01', unanswered: [], answers: [] });
    expect((await cli('report', '--since', 'soon')).code).toBe(2);
    expect((await cli('--help')).err).toContain("report [--since YYYY-MM-DD] [--json]   the curators' report");
  });
});
