/** The static host browser tests and the budget script load pages from, and its `_headers` rules. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './helpers/fixtures.ts';
import { headersFor, parseHeadersFile, pathMatches, serveStatic, type StaticServer } from './helpers/static-server.ts';

const headersFile = `# Every page
/*
  Content-Security-Policy: default-src 'self'; script-src 'self'
  Referrer-Policy: strict-origin-when-cross-origin
  X-Content-Type-Options: nosniff

/team/kit/*
  X-Robots-Tag: noindex, nofollow
  Referrer-Policy: no-referrer

/team/for/:slug/preview.png
  Cache-Control: public, max-age=3600
`;

describe('_headers rules', () => {
  const rules = parseHeadersFile(headersFile);

  it('reads paths and their indented headers, skipping comments and blank lines', () => {
    expect(rules.map((rule) => rule.path)).toEqual(['/*', '/team/kit/*', '/team/for/:slug/preview.png']);
    expect(rules[0]!.headers).toEqual([
      ['Content-Security-Policy', "default-src 'self'; script-src 'self'"],
      ['Referrer-Policy', 'strict-origin-when-cross-origin'],
      ['X-Content-Type-Options', 'nosniff'],
    ]);
  });

  it('refuses a header outside any path, naming the line', () => {
    expect(() => parseHeadersFile('  X-Frame-Options: DENY\n')).toThrow(/_headers:1:/);
    expect(() => parseHeadersFile('/*\n  not a header\n')).toThrow(/_headers:2:/);
  });

  it('matches * to the rest of a path and :name to one segment', () => {
    const cases: [pattern: string, path: string, matches: boolean][] = [
      ['/*', '/', true],
      ['/*', '/kit/abc/card/', true],
      ['/team/kit/*', '/team/kit/abc/', true],
      ['/team/kit/*', '/team/kit/abc/card-1200x630.png', true],
      ['/team/kit/*', '/team/for/jane/', false],
      ['/team/kit/*', '/team/kitchen/', false],
      ['/team/for/:slug/preview.png', '/team/for/jane-smith/preview.png', true],
      ['/team/for/:slug/preview.png', '/team/for/a/b/preview.png', false],
      // Characters that mean something in a regular expression are literal in a path.
      ['/a.b/*', '/a.b/c', true],
      ['/a.b/*', '/axb/c', false],
      ['/exact.html', '/exact.html', true],
      ['/exact.html', '/exact.html/more', false],
    ];
    for (const [pattern, path, matches] of cases) expect(pathMatches(pattern, path), `${pattern} ~ ${path}`).toBe(matches);
  });

  it('merges every matching rule in order, joining a repeated header with a comma', () => {
    expect(headersFor(rules, '/team/for/jane/')).toEqual({
      'Content-Security-Policy': "default-src 'self'; script-src 'self'",
      'Referrer-Policy': 'strict-origin-when-cross-origin',
      'X-Content-Type-Options': 'nosniff',
    });
    expect(headersFor(rules, '/team/kit/abc/')).toEqual({
      'Content-Security-Policy': "default-src 'self'; script-src 'self'",
      // Browsers apply the last policy they understand: no-referrer.
      'Referrer-Policy': 'strict-origin-when-cross-origin, no-referrer',
      'X-Content-Type-Options': 'nosniff',
      'X-Robots-Tag': 'noindex, nofollow',
    });
    expect(headersFor(parseHeadersFile('/*\n  x-test: a\n/*\n  X-Test: b\n'), '/')).toEqual({ 'x-test': 'a, b' });
    expect(headersFor([], '/')).toEqual({});
  });
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function get(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    request(url, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

describe('the static server', () => {
  let root: string;
  let outside: string;
  let server: StaticServer;
  let bare: StaticServer;

  beforeAll(async () => {
    const dir = tempDir('static');
    root = join(dir, 'dist');
    outside = join(dir, 'secret.txt');
    writeFileSync(outside, 'outside the site');
    for (const [file, content] of Object.entries({
      'index.html': '<!doctype html><title>Home</title>',
      'kit/abc/index.html': '<!doctype html><title>Kit</title>',
      'kit/abc/card-1200x630.png': Buffer.from([0x89, 0x50, 0x4e, 0x47]),
      '_astro/page.css': 'body { color: black; }'.repeat(20),
      '_astro/copy.js': 'console.log(1);',
      'empty/.keep': '',
      'name with space.txt': 'spaced',
      _headers: headersFile,
    })) {
      mkdirSync(join(root, file, '..'), { recursive: true });
      writeFileSync(join(root, file), content);
    }
    server = await serveStatic({ root, base: '/team/' });
    const bareRoot = join(dir, 'bare');
    mkdirSync(bareRoot);
    writeFileSync(join(bareRoot, 'index.html'), 'bare');
    bare = await serveStatic({ root: bareRoot });
  });

  afterAll(async () => {
    await server?.close();
    await bare?.close();
  });

  it("listens on 127.0.0.1 under the site's base", () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/team\/$/);
    expect(server.url.startsWith(server.origin)).toBe(true);
  });

  it('serves index.html for a folder, and redirects a folder without its slash', async () => {
    const home = await get(server.url);
    expect(home.status).toBe(200);
    expect(home.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(home.body.toString()).toContain('<title>Home</title>');
    expect((await get(`${server.url}kit/abc/`)).body.toString()).toContain('<title>Kit</title>');
    const redirect = await get(`${server.url}kit/abc?x=1`);
    expect(redirect.status).toBe(301);
    expect(redirect.headers.location).toBe('/team/kit/abc/?x=1');
    expect((await get(`${server.origin}/team`)).headers.location).toBe('/team/');
  });

  it('gives each file its type, and decodes the path', async () => {
    expect((await get(`${server.url}_astro/page.css`)).headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await get(`${server.url}_astro/copy.js`)).headers['content-type']).toBe('text/javascript; charset=utf-8');
    const png = await get(`${server.url}kit/abc/card-1200x630.png`);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.body).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    expect((await get(`${server.url}name%20with%20space.txt`)).body.toString()).toBe('spaced');
  });

  it('compresses text when the browser accepts gzip, as static hosts do, but not images', async () => {
    const css = await get(`${server.url}_astro/page.css`, { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(css.headers['content-encoding']).toBe('gzip');
    expect(Number(css.headers['content-length'])).toBe(css.body.length);
    expect(gunzipSync(css.body).toString()).toBe('body { color: black; }'.repeat(20));
    expect((await get(`${server.url}_astro/page.css`)).headers['content-encoding']).toBeUndefined();
    expect((await get(`${server.url}kit/abc/card-1200x630.png`, { 'Accept-Encoding': 'gzip' })).headers['content-encoding']).toBeUndefined();
  });

  it('answers 404 for what is not there, outside the base or outside the folder', async () => {
    for (const path of ['/team/missing.html', '/team/empty/', '/index.html', '/other/', '/team/../secret.txt', '/team/%2e%2e/secret.txt', '/team/%2e%2e%2fsecret.txt', '/team/%E0%A4%A']) {
      expect((await get(`${server.origin}${path}`)).status, path).toBe(404);
    }
  });

  it('applies the _headers rules to every response, and never serves the file itself', async () => {
    const kit = await get(`${server.url}kit/abc/`);
    expect(kit.headers['content-security-policy']).toBe("default-src 'self'; script-src 'self'");
    expect(kit.headers['referrer-policy']).toBe('strict-origin-when-cross-origin, no-referrer');
    expect(kit.headers['x-robots-tag']).toBe('noindex, nofollow');
    const home = await get(server.url);
    expect(home.headers['x-robots-tag']).toBeUndefined();
    expect(home.headers['x-content-type-options']).toBe('nosniff');
    const headersFile = await get(`${server.url}_headers`);
    expect(headersFile.status).toBe(404);
    expect(headersFile.headers['content-security-policy']).toBe("default-src 'self'; script-src 'self'");
  });

  it('works without a _headers file, at the root', async () => {
    const home = await get(bare.url);
    expect(bare.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(home.body.toString()).toBe('bare');
    expect(home.headers['content-security-policy']).toBeUndefined();
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get(server.url, {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(Number(head.headers['content-length'])).toBeGreaterThan(0);
    expect((await get(server.url, {}, 'POST')).status).toBe(405);
  });
});
