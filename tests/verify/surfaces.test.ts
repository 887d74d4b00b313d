/**
 * Verify on every surface: the command line's JSON shape, the text parser and Discord's
 * option, and each renderer showing the message's words inert (escaped, never a ping).
 */
import { describe, expect, it } from 'vitest';
import { renderTerminal } from '../../adapters/console/render.ts';
import { data, requestFrom } from '../../adapters/discord/commands/sinorussia.ts';
import { renderEmbed } from '../../adapters/discord/render.ts';
import { renderAnswer } from '../../adapters/slack/render.ts';
import { answerToJson } from '../../src/answer/json.ts';
import { parseText } from '../../src/commands/parse.ts';
import { verifyRequest } from '../../src/commands/verify.ts';
import { cli } from '../helpers/cli.ts';
import { realAnswerer } from '../helpers/real.ts';

const core = realAnswerer();
const HOSTILE =
  '<@U123ABC> <!here> @everyone <#C1> **China and Russia traded $240 billion in 2022** _x_ <https://evil.example|click> `tick`';

describe('sinorussia verify on the command line', () => {
  it('verify --json prints one object: the text and each check with its verdict, items in ask’s shape and sources', async () => {
    const { code, out } = await cli(
      'verify',
      'China and Russia traded $190 billion in 2022. Putin said China and Russia are "united like a mountain".',
      '--json',
    );
    expect(code).toBe(0);
    expect(out.trim().split('\n')).toHaveLength(1);
    const json = JSON.parse(out);
    expect(json.text).toBe('China and Russia traded $190 billion in 2022. Putin said China and Russia are "united like a mountain".');
    expect(json.checks.map((c: { verdict: string }) => c.verdict)).toEqual(['agrees', 'differs']);
    const [trade, quote] = json.checks;
    expect(trade.claim).toBe('China and Russia traded $190 billion in 2022.');
    expect(trade.items[0]).toMatchObject({
      type: 'fact',
      text: 'China–Russia trade hit a record $190 billion in 2022.',
      quote: 'Trade between the two countries reached a record $190 billion last year',
      sources: ['worldview-2023-how-close'],
      figure: { measure: 'bilateral-trade', value: 190, unit: 'billion', currency: 'USD', period: '2022' },
    });
    expect(trade.sources.map((s: { id: string }) => s.id)).toEqual(['worldview-2023-how-close']);
    expect(trade.sources[0].excerpt_of).toContain('WorldView');
    expect(quote.note).toBe('Our sources credit these words to Zhao Lijian.');
    expect(quote.sources.map((s: { id: string }) => s.id)).toEqual(['cnn-2021-unbreakable']);
  });

  it('says "nothing to check" as an empty list, and asks for a text when given none', async () => {
    const json = JSON.parse((await cli('verify', 'see you tomorrow', '--json')).out);
    expect(json).toEqual({ text: 'see you tomorrow', checkable: false, checks: [] });
    const none = await cli('verify');
    expect(none.code).toBe(2);
    expect(none.err).toContain('verify needs the text to check');
  });

  it('prints each claim, its verdict and ours for a terminal', async () => {
    const { code, out } = await cli('verify', 'China and Russia traded $240 billion in 2022');
    expect(code).toBe(0);
    expect(out).toContain('1. "China and Russia traded $240 billion in 2022"');
    expect(out).toContain('Our sources say otherwise.');
    expect(out).toContain('China–Russia trade hit a record $190 billion in 2022. [1]');
    expect(out).toContain("[1] China and Russia draw closer, but how close? (excerpt of the Today's WorldView newsletter");
  });
});

describe('verify from the chat surfaces', () => {
  it('`verify <text>` typed in Slack or the console reads the whole text as the message to check', () => {
    const request = parseText('verify trade timeline help: China and Russia traded $190 billion in 2022');
    expect(request).toMatchObject({
      command: 'verify',
      options: { text: 'trade timeline help: China and Russia traded $190 billion in 2022' },
    });
    expect(verifyRequest('  China\nand Russia  ')).toMatchObject({ command: 'verify', options: { text: 'China and Russia' } });
  });

  it('Discord has `/sinorussia verify text:<message>`, required, up to 2,000 characters', () => {
    const sub = (
      data.toJSON() as unknown as { options: { name: string; options?: { name: string; required?: boolean; max_length?: number }[] }[] }
    ).options.find((o) => o.name === 'verify');
    expect(sub?.options).toEqual([expect.objectContaining({ name: 'text', required: true, max_length: 2000 })]);
    const request = requestFrom({
      options: {
        getSubcommandGroup: () => null,
        getSubcommand: () => 'verify',
        getString: () => '<@123> China and Russia traded $190 billion in 2022',
      },
    } as never);
    expect(request).toMatchObject({ command: 'verify', options: { text: 'China and Russia traded $190 billion in 2022' } });
  });
});

describe('verify answers rendered', () => {
  const answer = core.answerNow(verifyRequest(HOSTILE));

  it('is one check that differs', () => {
    expect(answer.items.map((i) => i.type === 'check' && i.verdict)).toEqual(['differs']);
  });

  it('Slack: the message’s words are escaped in code, so no mention, link or formatting survives', () => {
    const message = renderAnswer(answer);
    const all = JSON.stringify(message);
    for (const live of ['<@U123ABC>', '<!here>', '<#C1>', '<https://evil.example']) expect(all).not.toContain(live);
    expect(all).toContain('&lt;@U123ABC&gt;');
    const section = message.blocks.find((b) => b.type === 'section' && JSON.stringify(b).includes('240 billion'));
    expect(JSON.stringify(section)).toContain(
      "`&lt;@U123ABC&gt; &lt;!here&gt; @everyone &lt;#C1&gt; **China and Russia traded $240 billion in 2022** _x_ &lt;https://evil.example|click&gt; 'tick'`",
    );
    expect(message.text).toContain('Our sources say otherwise');
  });

  it('Discord: markdown is escaped and no @ can mention anyone', () => {
    const embed = renderEmbed(answer);
    const description = embed.description ?? '';
    expect(description).not.toMatch(/@(?:everyone|here)/);
    expect(description).not.toMatch(/<@!?&?\d|<@U/);
    expect(description).toContain('@\u200beveryone');
    expect(description).toContain('\\*\\*China and Russia traded $240 billion in 2022\\*\\*');
    expect(description).toContain('**Our sources say otherwise.**');
    expect(description).toContain('$190 billion');
  });

  it('JSON: in ask’s shape a check is its verdict and claim over its sources', () => {
    const json = answerToJson(answer);
    expect(json.kind).toBe('verify');
    expect(json.items[0]).toMatchObject({ type: 'check', verdict: 'differs', sources: ['worldview-2023-how-close'] });
  });

  it('console: the claim, the verdict, then ours with citations', () => {
    const text = renderTerminal(answer);
    expect(text).toContain('Our sources say otherwise.');
    expect(text).toMatch(/1\. 2022 {2}China–Russia trade hit a record \$190 billion in 2022\. \[1\]/);
  });
});

describe('an empty text', () => {
  it('typed after verify asks for the text; from a message acted on says the message has none', async () => {
    const typed = await core.answer(verifyRequest(''));
    expect(typed.lead).toMatch(/Give the message's text after verify\.$/);
    const acted = await core.answer(verifyRequest('   ', { fromMessage: true }));
    expect(acted.lead).toBe('Nothing to check: that message has no text, only files or images.');
    expect(acted).toMatchObject({ kind: 'verify', matched: false, items: [] });
  });
});
