import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, headerRules, netlifyHeaders, vercelHeaders } from '../src/site/headers.ts';
import { repoRoot } from './helpers/fixtures.ts';

describe('host headers', () => {
  it('forbid inline scripts and framing, and keep kits out of search results and referrers', () => {
    expect(contentSecurityPolicy).toContain("script-src 'self';");
    expect(/script-src[^;]*unsafe/.test(contentSecurityPolicy)).toBe(false);
    // Inline styles pass the header; each page's own policy narrows them to their exact hashes.
    expect(contentSecurityPolicy).toContain("style-src 'self' 'unsafe-inline'");
    expect(contentSecurityPolicy).toContain("frame-ancestors 'none'");
    const [all, kit, assets] = headerRules('/');
    expect(all!.headers['X-Content-Type-Options']).toBe('nosniff');
    expect(kit).toEqual({ path: '/kit/*', headers: { 'X-Robots-Tag': 'noindex, nofollow', 'Referrer-Policy': 'no-referrer' } });
    expect(assets!.headers['Cache-Control']).toBe('public, max-age=31536000, immutable');
  });

  it('carry the base folder in every site rule', () => {
    expect(headerRules('/referrals/').map((rule) => rule.path)).toEqual(['/*', '/referrals/kit/*', '/referrals/_astro/*']);
  });

  it('write the _headers format of Netlify and Cloudflare Pages', () => {
    const text = netlifyHeaders(headerRules('/'));
    expect(text).toMatch(/^\/\*\n {2}Content-Security-Policy: default-src 'self';/);
    expect(text).toContain('\n\n/kit/*\n  X-Robots-Tag: noindex, nofollow\n  Referrer-Policy: no-referrer\n');
  });

  it('match the vercel.json shown in the README', () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const block = /```json\n(\{\n {2}"headers"[\s\S]*?)\n```/.exec(readme)?.[1];
    expect(block, 'README has a vercel.json block').toBeDefined();
    expect(JSON.parse(block!)).toEqual(vercelHeaders(headerRules('/')));
  });
});
