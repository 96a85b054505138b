import { describe, expect, it } from 'vitest';
import { initials } from '../src/kit/text.ts';
import { faviconSvg } from '../src/site/favicon.ts';

describe('favicon', () => {
  it('uses first and last initials for Latin, Greek and Cyrillic names, the first character otherwise', () => {
    expect(initials('Maya Okafor')).toBe('MO');
    expect(initials('Maya van der Berg')).toBe('MB');
    expect(initials('Ébène Ñuñez')).toBe('ÉÑ');
    expect(initials('Дмитрий Иванов')).toBe('ДИ');
    expect(initials('王小明')).toBe('王');
    expect(initials('ليلى حداد')).toBe('ل');
    expect(initials('Zoë 🎨')).toBe('Z');
  });

  it('escapes the name', () => {
    expect(faviconSvg('<script>', '#2f5d50')).toContain('>&lt;</text>');
    expect(faviconSvg('& Co', '#2f5d50')).toContain('>&amp;</text>');
    expect(faviconSvg('<script>', '#2f5d50')).not.toContain('<script');
  });
});
