/** The README's example answer is what the bot really answers, character for character. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderTerminal } from '../adapters/console/render.ts';
import { answerText, realAnswerer } from './helpers/real.ts';

describe('the README example', () => {
  it('shows the real answer to its question', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const m = /```\n\$ npx sinorussia ask "([^"]+)"\n([\s\S]*?)\n```/.exec(readme);
    expect(m).not.toBeNull();
    const [, question, shown] = m as RegExpExecArray;
    expect(shown).toBe(renderTerminal(answerText(realAnswerer(), `ask ${question}`)).trimEnd());
  });
});
