import { describe, expect, it } from 'vitest';
import { faviconSvg, initials } from '../src/site/favicon.ts';

describe('favicon', () => {
  it('uses the first and last initials in any script', () => {
    expect(initials('Maya Okafor')).toBe('MO');
    expect(initials('Maya van der Berg')).toBe('MB');
    expect(initials('王小明')).toBe('王');
    expect(initials('Ébène Ñuñez')).toBe('ÉÑ');
  });

  it('escapes the name', () => {
    const svg = faviconSvg('<script> &x', '#2f5d50');
    expect(svg).toContain('&lt;&amp;');
    expect(svg).not.toContain('<script');
  });
});
