import { describe, expect, it } from 'vitest';
import { absoluteUrl, bookingUrl, kitPath, sharePath, sitePath } from '../src/kit/urls.ts';

describe('site addresses', () => {
  const root = { url: 'https://example.com', base: '/' };
  const project = { url: 'https://owner.github.io', base: '/referrals/' };

  it('builds absolute share and kit links with the base folder', () => {
    expect(absoluteUrl(root, sharePath('jane-smith'))).toBe('https://example.com/for/jane-smith/');
    expect(absoluteUrl(project, kitPath('Qm7v_X2-pL'))).toBe('https://owner.github.io/referrals/kit/Qm7v_X2-pL/');
    expect(absoluteUrl(project)).toBe('https://owner.github.io/referrals/');
    expect(sitePath(project, 'testimonials/')).toBe('/referrals/testimonials/');
  });

  it('credits the partner in the booking link and keeps its own parameters', () => {
    const url = new URL(bookingUrl('https://cal.example/intro?source=site', 'jane-smith'));
    expect(Object.fromEntries(url.searchParams)).toEqual({
      source: 'site',
      ref: 'jane-smith',
      utm_source: 'referral-kit',
      utm_medium: 'referral',
      utm_campaign: 'jane-smith',
    });
    expect(bookingUrl('https://cal.example/intro')).toBe('https://cal.example/intro');
  });
});
