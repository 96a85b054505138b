/**
 * A small static host for a built site, on 127.0.0.1 and a free port: what browser tests and the
 * budget script load pages from. It behaves like the static hosts the README names: index.html for
 * folders (and a redirect to the trailing slash), 404s, gzip for text when the browser accepts it,
 * and the build's `_headers` file (Netlify and Cloudflare Pages format) applied to every response,
 * so pages are tested under the Content-Security-Policy and other headers they are deployed with.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface HeaderRule {
  /** A path pattern: `*` matches the rest of a path, `:name` one segment. */
  path: string;
  headers: [name: string, value: string][];
}

/**
 * Reads a `_headers` file: a path pattern on its own line, then its headers indented as
 * `Name: value`. Lines starting with `#` are comments.
 */
export function parseHeadersFile(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  for (const [index, line] of text.split(/\r?\n/).entries()) {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      rules.push({ path: trimmed, headers: [] });
      continue;
    }
    const colon = trimmed.indexOf(':');
    const rule = rules.at(-1);
    if (!rule || colon <= 0) throw new Error(`_headers:${index + 1}: expected a path, or an indented "Name: value" under one`);
    rule.headers.push([trimmed.slice(0, colon).trim(), trimmed.slice(colon + 1).trim()]);
  }
  return rules;
}

export function pathMatches(pattern: string, pathname: string): boolean {
  const source = pattern
    .split(/(\*|:[A-Za-z_][\w]*)/)
    .map((part) => (part === '*' ? '.*' : part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`).test(pathname);
}

/**
 * The headers every matching rule gives a path, in file order. A name that comes again (in any
 * capitalisation) has its values joined with ", ", as Netlify does; for a header like
 * Referrer-Policy the browser then applies the last value it understands.
 */
export function headersFor(rules: readonly HeaderRule[], pathname: string): Record<string, string> {
  const merged = new Map<string, { name: string; value: string }>();
  for (const rule of rules) {
    if (!pathMatches(rule.path, pathname)) continue;
    for (const [name, value] of rule.headers) {
      const key = name.toLowerCase();
      const earlier = merged.get(key);
      merged.set(key, earlier ? { name: earlier.name, value: `${earlier.value}, ${value}` } : { name, value });
    }
  }
  return Object.fromEntries([...merged.values()].map(({ name, value }) => [name, value]));
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.pdf': 'application/pdf',
};

/** Types a static host compresses; images are compressed already. */
const compressible = new Set(['.html', '.css', '.js', '.mjs', '.json', '.txt', '.xml', '.svg']);

/** Files a host reads as configuration and never serves. */
const hostFiles = new Set(['/_headers', '/_redirects']);

export interface StaticServer {
  /** The site's address, base included: `http://127.0.0.1:PORT/team/`. */
  url: string;
  origin: string;
  close(): Promise<void>;
}

export interface ServeOptions {
  /** The built site, e.g. a `dist/` folder. */
  root: string;
  /** The site's base folder (`site.base` in kit.yaml); files are served under it. */
  base?: string;
}

export async function serveStatic({ root, base = '/' }: ServeOptions): Promise<StaticServer> {
  const rootDir = resolve(root);
  const headersFile = join(rootDir, '_headers');
  // Read once: a built site does not change while it is served.
  const rules = existsSync(headersFile) ? parseHeadersFile(readFileSync(headersFile, 'utf8')) : [];
  const prefix = base.endsWith('/') ? base : `${base}/`;

  const send = (request: IncomingMessage, response: ServerResponse, status: number, file: string | undefined, extra: Record<string, string> = {}) => {
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    const headers: Record<string, string> = { ...headersFor(rules, pathname), ...extra };
    let body: Buffer;
    if (file) {
      body = readFileSync(file);
      headers['Content-Type'] = contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream';
      if (compressible.has(extname(file).toLowerCase())) {
        headers['Vary'] = 'Accept-Encoding';
        if (/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
          body = gzipSync(body, { level: 9 });
          headers['Content-Encoding'] = 'gzip';
        }
      }
    } else {
      body = Buffer.from(status === 404 ? 'Not found\n' : '');
      headers['Content-Type'] ??= 'text/plain; charset=utf-8';
    }
    headers['Content-Length'] = String(body.length);
    response.writeHead(status, headers);
    response.end(request.method === 'HEAD' ? undefined : body);
  };

  /** The file a path names, or undefined; a folder without its trailing slash gets a redirect. */
  const resolveFile = (pathname: string): { file: string } | { redirect: string } | undefined => {
    if (!pathname.startsWith(prefix) && `${pathname}/` !== prefix) return undefined;
    if (`${pathname}/` === prefix) return { redirect: prefix };
    let relative: string;
    try {
      relative = decodeURIComponent(pathname.slice(prefix.length));
    } catch {
      return undefined;
    }
    if (hostFiles.has(`/${relative}`) || relative.includes('\0')) return undefined;
    const candidate = resolve(rootDir, relative);
    if (candidate !== rootDir && !candidate.startsWith(rootDir + sep)) return undefined;
    if (!existsSync(candidate)) return undefined;
    if (statSync(candidate).isDirectory()) {
      if (!pathname.endsWith('/')) return { redirect: `${pathname}/` };
      const index = join(candidate, 'index.html');
      return existsSync(index) ? { file: index } : undefined;
    }
    return { file: candidate };
  };

  const server = createServer((request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(request, response, 405, undefined, { Allow: 'GET, HEAD' });
      return;
    }
    const url = new URL(request.url ?? '/', 'http://localhost');
    const found = resolveFile(url.pathname);
    // Like Netlify, Cloudflare Pages and GitHub Pages: the site's own 404.html, when it has one.
    const notFound = join(rootDir, '404.html');
    if (!found) send(request, response, 404, existsSync(notFound) ? notFound : undefined);
    else if ('redirect' in found) send(request, response, 301, undefined, { Location: `${found.redirect}${url.search}` });
    else send(request, response, 200, found.file);
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', done);
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}${prefix}`,
    origin,
    close: () =>
      new Promise<void>((done, fail) => {
        server.closeAllConnections();
        server.close((error) => (error ? fail(error) : done()));
      }),
  };
}
