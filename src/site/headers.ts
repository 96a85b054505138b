/**
 * HTTP headers for static hosts, defined once as rules and written in each host's format:
 * `_headers` (Netlify, Cloudflare Pages) in the build, and `vercel.json` for the README.
 */

export interface HeaderRule {
  /** A path pattern; `*` matches the rest of a path. */
  path: string;
  headers: Record<string, string>;
}

/**
 * Directives every page carries in its own `<meta>` Content-Security-Policy (Astro adds script-src
 * and style-src there, with the hash of each inline style: pages inline their CSS, which saves a
 * round trip before the first paint). A meta policy works on any host, GitHub Pages included.
 */
export const pageDirectives = [
  "default-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  'upgrade-insecure-requests',
] as const;

/**
 * The policy sent as a header, where hosts allow: the same directives, no inline script at all,
 * and framing forbidden (frame-ancestors works only in a header). Its style-src allows inline
 * styles because the page's own policy, which browsers enforce as well, narrows that to the exact
 * hashes of the site's styles.
 */
export const contentSecurityPolicy = [...pageDirectives, "script-src 'self'", "style-src 'self' 'unsafe-inline'", "frame-ancestors 'none'"].join('; ');

export function headerRules(base: string): HeaderRule[] {
  return [
    {
      path: '/*',
      headers: {
        'Content-Security-Policy': contentSecurityPolicy,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'strict-origin-when-cross-origin',
        'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()',
        'X-Frame-Options': 'DENY',
        'Cross-Origin-Opener-Policy': 'same-origin',
      },
    },
    {
      // Kits and their images are unlisted: out of search results, and their secret URL is never
      // sent to the sites a partner clicks through to. (A later Referrer-Policy value wins.)
      path: `${base}kit/*`,
      headers: { 'X-Robots-Tag': 'noindex, nofollow', 'Referrer-Policy': 'no-referrer' },
    },
    {
      // File names under _astro/ change whenever their content does.
      path: `${base}_astro/*`,
      headers: { 'Cache-Control': 'public, max-age=31536000, immutable' },
    },
  ];
}

/** The `_headers` file of Netlify and Cloudflare Pages. */
export function netlifyHeaders(rules: readonly HeaderRule[]): string {
  return `${rules.map((rule) => [rule.path, ...Object.entries(rule.headers).map(([name, value]) => `  ${name}: ${value}`)].join('\n')).join('\n\n')}\n`;
}

/** The `headers` section of a `vercel.json`. */
export function vercelHeaders(rules: readonly HeaderRule[]) {
  return {
    headers: rules.map((rule) => ({
      source: rule.path.replace(/\*$/, '(.*)'),
      headers: Object.entries(rule.headers).map(([key, value]) => ({ key, value })),
    })),
  };
}
