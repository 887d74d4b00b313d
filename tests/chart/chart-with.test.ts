/**
 * `chart_with` in knowledge/measures.yaml: which measure's chart another one's targets and
 * forecasts are drawn on. Read by the loader, checked like every other reference.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/errors.ts';
import { loadKnowledgeCached } from '../../src/knowledge/cache.ts';
import { readKnowledge } from '../../src/knowledge/load.ts';
import { fact, factsFile, writeFixture } from '../helpers/fixture.ts';

const withMeasures = (measures: string) =>
  readKnowledge(writeFixture({ measures, facts: { 'alpha.yaml': factsFile('alpha', fact('a-one')) } }).dir);

const TRADE = 'measures:\n  bilateral-trade: Total trade.\n';

describe('chart_with', () => {
  it('is read into the base as measure → the measure it is charted with', () => {
    const { knowledge, issues } = withMeasures(
      `${TRADE}  bilateral-trade-target:\n    description: A target.\n    names: [trade target]\n    chart_with: bilateral-trade\n`,
    );
    expect(issues).toEqual([]);
    expect(knowledge?.chartWith).toEqual({ 'bilateral-trade-target': 'bilateral-trade' });
  });

  it('an unknown measure there stops the load, naming file, line and measure id', () => {
    const { knowledge, issues } = withMeasures(
      `${TRADE}  bilateral-trade-target:\n    description: A target.\n    names: [trade target]\n    chart_with: bilateral-trad\n`,
    );
    expect(knowledge).toBeUndefined();
    expect(issues.map(formatIssue)).toEqual([
      expect.stringMatching(/measures\.yaml:6 \[bilateral-trade-target\] chart_with: unknown measure "bilateral-trad"/),
    ]);
  });

  it('a measure charted with itself is refused', () => {
    const { issues } = withMeasures(`${TRADE}  trade-target:\n    description: A target.\n    names: [t]\n    chart_with: trade-target\n`);
    expect(issues.map(formatIssue).join('\n')).toMatch(/\[trade-target\] chart_with: a measure cannot be charted with itself/);
  });

  it('the real base charts trade targets beside trade', () => {
    const { knowledge, issues } = readKnowledge('knowledge');
    expect(issues).toEqual([]);
    expect(knowledge?.chartWith?.['bilateral-trade-target']).toBe('bilateral-trade');
  });

  it('survives the knowledge cache a one-shot `sinorussia ask` reads', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'chart-with-cache-'));
    const { dir } = writeFixture({
      measures: `${TRADE}  trade-target:\n    description: A target.\n    names: [trade target]\n    chart_with: bilateral-trade\n`,
      facts: { 'alpha.yaml': factsFile('alpha', fact('a-one')) },
    });
    await loadKnowledgeCached(dir, cacheDir); // loads from YAML and writes the cache
    const cached = await loadKnowledgeCached(dir, cacheDir); // reads the cache
    expect(cached.chartWith).toEqual({ 'trade-target': 'bilateral-trade' });
  });
});
