/**
 * The console running all along (the real REPL through its streams) while a curator edits
 * the base: three new facts answer within 2 s; a broken file keeps the last good base
 * answering and is logged once, with file and line.
 */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { startConsole } from '../../adapters/console/repl.ts';
import { type KnowledgeReloader, watchKnowledge } from '../../app/knowledge-reload.ts';
import { createCore } from '../../src/core.ts';
import { KnowledgeHolder } from '../../src/knowledge/live.ts';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import { collectingLogger, GAZETTE_FACTS, tmpBase, until } from './support.ts';

const running: { reloader: KnowledgeReloader; input: PassThrough }[] = [];
afterEach(() => {
  for (const r of running.splice(0)) {
    r.reloader.close();
    r.input.end();
  }
});

function consoleOn(base: ReturnType<typeof tmpBase>) {
  const { logger, lines } = collectingLogger();
  const load = () => loadKnowledge(base.dir, { textsDir: base.texts });
  const holder = new KnowledgeHolder(load(), (k, prebuilt) => createCore(k, {}, prebuilt));
  const outcomes: string[] = [];
  const reloader = watchKnowledge({ holder, load, dir: base.dir, textsDir: base.texts, logger, observe: (o) => outcomes.push(o) });
  const input = new PassThrough();
  const output = new PassThrough();
  let screen = '';
  output.on('data', (chunk) => (screen += chunk.toString()));
  void startConsole({ answerer: holder.answerer(), logger, input, output, banner: 'test console' });
  running.push({ reloader, input });
  /** Types a line and returns what the console printed for it. */
  const ask = async (line: string) => {
    const before = screen.length;
    input.write(`${line}\n`);
    await until(() => screen.slice(before).includes('sinorussia> '), 2000, `an answer to "${line}"`);
    return screen.slice(before);
  };
  return { ask, lines, holder, outcomes };
}

describe('the console picks up a changed base by itself', () => {
  it('answers from three facts added while it runs, within 2 s', async () => {
    const base = tmpBase();
    const { ask, lines } = consoleOn(base);
    expect(await ask('grain agreement')).not.toContain('grain export agreement');
    writeFileSync(join(base.dir, 'facts', 'gazette-2026-trade-slips.yaml'), GAZETTE_FACTS);
    const started = Date.now();
    let answer = '';
    await until(() => lines.some((l) => l.msg === 'knowledge reloaded'), 2000, 'a reload');
    answer = await ask('grain agreement');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(answer).toContain('China and Russia signed a grain export agreement in November 2026');
    expect(await ask('who expects trade to recover?')).toContain('expected trade with China to pick up in 2027');
    expect(await ask('payment delays')).toContain('Slow payments between Russian exporters and Chinese banks');
    const reloaded = lines.find((l) => l.msg === 'knowledge reloaded');
    expect(reloaded).toMatchObject({
      added: ['gazette-grain-agreement-2026-11', 'gazette-volkova-recovery-2027', 'gazette-payment-delays-friction'],
      changed: [],
      removed: [],
    });
  });

  it('keeps answering from the last good base when a file breaks, and logs why once', async () => {
    const base = tmpBase();
    const { ask, lines, outcomes } = consoleOn(base);
    const facts = join(base.dir, 'facts', 'gazette-2026-trade-slips.yaml');
    writeFileSync(facts, GAZETTE_FACTS);
    await until(() => lines.some((l) => l.msg === 'knowledge reloaded'), 2000, 'a reload');
    // A bad indent (a common slip) in the facts file: the YAML no longer parses.
    appendFileSync(facts, '  - id: gazette-broken\n   claim: [unclosed\n');
    await until(() => lines.some((l) => l.level === 'error'), 2000, 'a failed reload');
    expect(await ask('grain agreement')).toContain('China and Russia signed a grain export agreement in November 2026');
    const failed = lines.filter((l) => l.level === 'error');
    expect(failed).toHaveLength(1);
    expect(failed[0].msg).toBe('knowledge reload failed: still answering from the last good base');
    const [issue] = failed[0].issues as { file: string; line: number }[];
    expect(issue.file).toMatch(/gazette-2026-trade-slips\.yaml$/);
    expect(issue.line).toBeGreaterThan(1);
    // Saved again with the same problem: reloaded, failed, not logged again.
    const reloadsBefore = lines.length;
    writeFileSync(facts, readFileSync(facts));
    await until(() => outcomes.length === 3, 2000, 'the second failed reload');
    expect(outcomes).toEqual(['success', 'failure', 'failure']);
    expect(lines.length).toBe(reloadsBefore);
    expect(lines.filter((l) => l.level === 'error')).toHaveLength(1);
    // Fixed: it loads, and says what changed (nothing, the broken fact never loaded).
    writeFileSync(facts, GAZETTE_FACTS.replace('keep causing friction', 'still cause friction'));
    await until(() => lines.filter((l) => l.msg === 'knowledge reloaded').length === 2, 2000, 'the fixed reload');
    expect(lines.filter((l) => l.msg === 'knowledge reloaded')[1]).toMatchObject({
      added: [],
      changed: ['gazette-payment-delays-friction'],
      removed: [],
    });
    expect(await ask('payment delays')).toContain('still cause friction');
  });
});
