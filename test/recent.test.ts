import { describe, expect, it } from 'vitest';
import { Recent } from '../src/images/recent.ts';

describe('Recent', () => {
  it('computes a value once per key while the key is among the latest', () => {
    const recent = new Recent<string>(2);
    let computed = 0;
    const get = (key: string) => recent.get(key, () => `${key}:${++computed}`);
    expect(get('a')).toBe('a:1');
    expect(get('a')).toBe('a:1');
    expect(get('b')).toBe('b:2');
    // Using `a` again makes it the latest.
    expect(get('a')).toBe('a:1');
    // A third key pushes out the one used longest ago: `b`.
    expect(get('c')).toBe('c:3');
    expect(get('a')).toBe('a:1');
    expect(get('b')).toBe('b:4');
    expect(computed).toBe(4);
  });
});
