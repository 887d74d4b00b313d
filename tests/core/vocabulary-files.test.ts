/**
 * The vocabulary files the query reader uses: source names (knowledge/source-names.yaml) and
 * measure names (knowledge/measures.yaml) are checked at load like everything else.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/errors.ts';
import { readKnowledge } from '../../src/knowledge/load.ts';
import { fact, factsFile, writeFixture } from '../helpers/fixture.ts';

const base = () => writeFixture({ facts: { 'alpha.yaml': factsFile('alpha', fact('a-one')) } });

describe('source names', () => {
  it('are optional, and read when present', () => {
    const { dir } = base();
    expect(readKnowledge(dir).knowledge?.vocabulary.source_names).toBeUndefined();
    writeFileSync(join(dir, 'source-names.yaml'), 'source_names:\n  alpha: [alpha news]\n');
    expect(readKnowledge(dir).knowledge?.vocabulary.source_names).toEqual({ alpha: ['alpha news'] });
  });

  it('an unknown source id stops the load, naming file, line and id', () => {
    const { dir } = base();
    writeFileSync(join(dir, 'source-names.yaml'), 'source_names:\n  alpha: [alpha news]\n  gamma: [gamma times]\n');
    const { knowledge, issues } = readKnowledge(dir);
    expect(knowledge).toBeUndefined();
    expect(issues.map(formatIssue)).toEqual([expect.stringMatching(/source-names\.yaml:3 \[gamma\] unknown source id "gamma"/)]);
  });
});

describe('measure names', () => {
  it('a measure may be a description, or a description with the names people use', () => {
    const { dir } = writeFixture({
      measures:
        'measures:\n  bilateral-trade:\n    description: Total trade.\n    names: [trade, trade volume]\n  other: Something else.\n',
      facts: { 'alpha.yaml': factsFile('alpha', fact('a-one')) },
    });
    const { knowledge, issues } = readKnowledge(dir);
    expect(issues).toEqual([]);
    expect(knowledge?.measures.get('bilateral-trade')).toBe('Total trade.');
    expect(knowledge?.measures.get('other')).toBe('Something else.');
    expect(knowledge?.vocabulary.measureNames).toEqual({ 'bilateral-trade': ['trade', 'trade volume'] });
  });

  it('a misspelt key in a measure is an error', () => {
    const { dir } = writeFixture({
      measures: 'measures:\n  bilateral-trade:\n    description: Total trade.\n    name: [trade]\n',
      facts: { 'alpha.yaml': factsFile('alpha', fact('a-one')) },
    });
    expect(readKnowledge(dir).issues.map(formatIssue).join('\n')).toMatch(/measures\.yaml/);
  });
});
