import { describe, expect, it } from 'vitest';
import { suggest } from '../../src/commands/suggest.ts';
import { realAnswerer } from '../helpers/real.ts';

const { context } = realAnswerer();

describe('suggest (autocomplete)', () => {
  it('offers matching topics first, then facts the search finds', () => {
    const got = suggest(context, 'tra', 25);
    expect(got[0]).toEqual({ label: expect.stringMatching(/^trade: /), text: 'trade' });
    const gas = suggest(context, 'gas deal', 5);
    expect(gas.length).toBeGreaterThan(0);
    expect(gas.length).toBeLessThanOrEqual(5);
    expect(gas[0].text).toContain('$400 billion');
  });

  it('offers nothing for off-topic text beyond the topics it starts like', () => {
    expect(suggest(context, 'weather in Paris', 25)).toEqual([]);
    expect(suggest(context, '', 25).map((s) => s.text)).toHaveLength(12);
  });
});
