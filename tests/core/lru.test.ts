import { describe, expect, it } from 'vitest';
import { LruCache } from '../../src/lru.ts';

describe('LruCache', () => {
  it('evicts the least recently used entry once full', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    expect(cache.get('a')).toBeUndefined();
    expect([cache.get('b'), cache.get('c'), cache.size]).toEqual([2, 3, 2]);
  });

  it('clear empties it', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.clear();
    expect([cache.get('a'), cache.size]).toEqual([undefined, 0]);
  });

  it('a hit makes an entry the most recent, so the other one goes first', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
  });

  it('setting a key again replaces its value without growing', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('a', 5);
    expect([cache.get('a'), cache.size]).toEqual([5, 1]);
  });

  it('refuses a size that is not a whole number ≥ 1, naming it', () => {
    expect(() => new LruCache(0)).toThrow(/LruCache: maxEntries .* got 0/);
    expect(() => new LruCache(2.5)).toThrow(/got 2\.5/);
  });
});
