import { describe, expect, it } from 'vitest';
import { createShareStore, isShareId } from '../../adapters/discord/share.ts';

describe('share store', () => {
  it('carries short command text in the custom_id itself', () => {
    const store = createShareStore();
    const id = store.customIdFor('timeline trade');
    expect(id).toBe('share:timeline trade');
    expect(store.commandTextOf(id)).toBe('timeline trade');
    expect(store.size).toBe(0);
  });

  it('keys long text by a short id that expires', () => {
    let time = 0;
    const store = createShareStore({ ttlMs: 1000, now: () => time });
    const long = `ask ${'why '.repeat(60)}`;
    const id = store.customIdFor(long);
    expect(id.length).toBeLessThanOrEqual(100);
    expect(isShareId(id)).toBe(true);
    expect(store.commandTextOf(id)).toBe(long);
    time = 1001;
    expect(store.commandTextOf(id)).toBeUndefined();
    expect(store.size).toBe(0);
  });

  it('stays bounded, dropping the oldest entries first', () => {
    const store = createShareStore({ maxEntries: 3 });
    const ids = Array.from({ length: 5 }, (_, i) => store.customIdFor(`ask ${String(i).repeat(120)}`));
    expect(store.size).toBe(3);
    expect(store.commandTextOf(ids[0])).toBeUndefined();
    expect(store.commandTextOf(ids[4])).toBe(`ask ${'4'.repeat(120)}`);
  });

  it('ignores custom ids that are not ours', () => {
    expect(createShareStore().commandTextOf('other:thing')).toBeUndefined();
    expect(isShareId('other:thing')).toBe(false);
  });
});
