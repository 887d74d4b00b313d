/** The core: requests in, Answers out, each saying how it may be shown. */
import { describe, expect, it } from 'vitest';
import { createCore } from '../../src/core.ts';
import { realAnswerer } from '../helpers/real.ts';

const core = realAnswerer();
const where = { platform: 'slack', channelId: 'C1', userId: 'U1', canManage: true } as const;

describe('createCore', () => {
  it('marks what depends only on the base as public, shareable and cacheable', async () => {
    for (const text of ['trade', 'how big is the gas deal', 'timeline energy', 'help', 'topics', 'sources']) {
      expect((await core.answer(core.parseText(text), where)).show).toEqual({ audience: 'channel', shareable: true, cacheable: true });
    }
  });

  it("marks the digest's commands as private, not shareable, not cacheable, even without a store", async () => {
    for (const text of ['digest', 'digest status', 'digest subscribe 09:00', 'digest frobnicate']) {
      expect((await core.answer(core.parseText(text), where)).show).toEqual({ audience: 'asker', shareable: false, cacheable: false });
    }
  });

  it('answers a request with a problem apart from the same command without one', () => {
    const bad = core.answerNow(core.parseText('timeline nonsense'));
    const all = core.answerNow(core.parseText('timeline'));
    expect(bad.title).toBe('No such topic');
    expect(all.title).toBe('Timeline: all topics');
    expect(core.answerNow(core.parseText('timeline nonsense')).title).toBe('No such topic');
  });

  it('echoes the request, not the first asker’s words, from a kept answer', () => {
    expect(core.answerNow(core.parseText('trdae')).query).toBe('trdae');
    expect(core.answerNow(core.parseText('trade')).query).toBe('trade');
  });

  it('keeps what it derives per core: a core over another base answers from that base only', () => {
    const knowledge = core.context.knowledge;
    const fewer = { ...knowledge, facts: knowledge.facts.filter((f) => !f.topics.includes('trade')) };
    const other = createCore(fewer);
    const tradeLine = (answer: { items: { text: string; command?: unknown }[] }) =>
      answer.items.find((i) => JSON.stringify(i.command).includes('"trade"'))?.text;
    expect(tradeLine(other.answerNow(other.parseText('topics')))).toMatch(/\(0 facts\)$/);
    expect(tradeLine(core.answerNow(core.parseText('topics')))).not.toMatch(/\(0 facts\)$/);
  });
});
