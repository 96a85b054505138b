import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKit } from '../src/kit/load.ts';
import { kitPath, sharePath } from '../src/kit/urls.ts';
import { fixture, repoRoot, tempDir } from './helpers/fixtures.ts';

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

let child: ReturnType<typeof spawn>;
let output = '';
let origin = '';

beforeAll(async () => {
  const port = await freePort();
  // Run from a folder outside the project, as an owner would.
  child = spawn(process.execPath, [join(repoRoot, 'bin', 'referral-kit.js'), 'dev', '--content', fixture('basic'), '--port', String(port)], {
    cwd: tempDir('dev'),
    // As a terminal would start it: not in vitest's NODE_ENV=test, under which Vite serves no pages.
    env: Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'NODE_ENV' && !name.startsWith('VITEST'))),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  for (let waited = 0; waited < 120 && !/Every page of your kit: (\S+)/.test(output); waited++) {
    if (child.exitCode !== null) break;
    await new Promise((done) => setTimeout(done, 500));
  }
  origin = `http://127.0.0.1:${port}`;
});

afterAll(() => {
  child?.kill();
});

describe('referral-kit dev', () => {
  it('says where the start page is', () => {
    expect(output).toContain(`Every page of your kit: ${origin}/team/__referral-kit/`);
  });

  it("lists every partner's kit, pocket card and share page on the start page, and each opens", async () => {
    const { content } = await loadKit(fixture('basic'));
    const response = await fetch(`${origin}/team/__referral-kit/`);
    expect(response.status).toBe(200);
    const html = await response.text();
    const links = [...html.matchAll(/href="([^"]+)"/g)].map((match) => match[1]!);
    for (const partner of content!.partners) {
      expect(links).toContain(`/team/${kitPath(partner.data.token)}`);
      expect(links).toContain(`/team/${kitPath(partner.data.token)}card/`);
      expect(links).toContain(`/team/${kitPath(partner.data.token)}cards/`);
      if (partner.data.share_page) expect(links).toContain(`/team/${sharePath(partner.slug)}`);
    }
    expect(html).toContain('<bdi>عمر حداد</bdi>');
    expect(html).not.toContain('<script');
    for (const path of links.filter((link) => link.includes('/kit/')).slice(0, 2)) {
      const page = await fetch(`${origin}${path}`);
      expect(page.status, `${path}: ${(await page.text()).slice(0, 1500)}`).toBe(200);
    }
  }, 120_000);
});
