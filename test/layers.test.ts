/**
 * Imports point down the layers of ARCHITECTURE.md, never up: core helpers → schemas → content
 * reading and checks → ledger, images, site → reading a whole kit folder → pages, integration,
 * build, CLI. An import that points up fails here; there are no exceptions.
 */
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { repoRoot, tempDir } from './helpers/fixtures.ts';
import { packagesLoadedBy } from './helpers/loaded-packages.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = join(root, 'src');

const layers = ['core helpers', 'schemas', 'content reading and checks', 'ledger, images and site', 'reading a kit folder', 'pages, integration, build and CLI'] as const;

const core = [
  'kit/diagnostics.ts',
  'kit/yaml-source.ts',
  'kit/yaml-mistakes.ts',
  'kit/yaml-cache.ts',
  'kit/cache-files.ts',
  'kit/temporary-file.ts',
  'kit/source-files.ts',
  'kit/node-flags.ts',
  'kit/content-file.ts',
  'kit/dates.ts',
  'kit/text.ts',
  'kit/direction-controls.ts',
  'kit/accent.ts',
  'kit/real-path.ts',
  'kit/link-files.ts',
  'kit/link-files-worker.ts',
  'kit/in-thread.ts',
  'kit/priority.ts',
  'kit/write-problem.ts',
  'kit/slug.ts',
  // One lock for builds, ledger edits and sending: it depends on nothing of the kit's.
  'build/lock.ts',
  // Where the project is, for its caches.
  'build/project-root.ts',
];
// Which scripts a partner sees and what their variables hold are rules that checks apply.
const contentReading = [
  'kit/content-folder.ts',
  'kit/kit-file.ts',
  'kit/partners.ts',
  'kit/script-files.ts',
  'kit/testimonials.ts',
  'kit/photos.ts',
  'kit/photo-file.ts',
  'kit/cross-checks.ts',
  'kit/kit-content.ts',
  'kit/script-source.ts',
  'kit/partner-file.ts',
  'kit/script-selection.ts',
  'kit/script-variables.ts',
  'kit/copy-check.ts',
  'kit/language-check.ts',
  'kit/secrets.ts',
  'mail/default-messages.ts',
];

/** The layer of a file under src/, by its path there. */
function layerOf(file: string): number {
  // The string catalogs are data that schemas (copy:) and checks need; kit-strings.ts reads a kit.
  if (core.includes(file) || (file.startsWith('i18n/') && file !== 'i18n/kit-strings.ts')) return 0;
  if (file.startsWith('schemas/')) return 1;
  if (contentReading.includes(file)) return 2;
  // The one content-reading API: above the kit's collections and the ledger, which it puts together.
  if (file === 'kit/load.ts') return 4;
  if (/^(kit|ledger|images|site|i18n|mail|mdx)\//.test(file)) return 3;
  return 5;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|astro)$/.test(entry.name) ? [path] : [];
  });
}

/** Relative imports of a file (static and dynamic), resolved to paths under src/. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm)].map((m) => m[1]!);
  return specifiers.map((specifier) => relative(src, resolve(dirname(file), specifier))).filter((path) => !path.startsWith('..'));
}

const edges = sourceFiles(src).flatMap((file) => importsOf(file).map((target) => ({ from: relative(src, file), to: target })));

describe('layers', () => {
  it('reads the imports of every source file', () => {
    expect(edges.length).toBeGreaterThan(100);
    expect(edges).toContainEqual({ from: 'cli/main.ts', to: 'cli/check.ts' });
  });

  it('point only down, or within a layer', () => {
    const upward = edges.filter(({ from, to }) => layerOf(to) > layerOf(from)).map(({ from, to }) => `${from} → ${to}`);
    expect(upward, upward.map((edge) => `${edge} (${layers[layerOf(edge.split(' → ')[0]!)]} imports ${layers[layerOf(edge.split(' → ')[1]!)]})`).join('\n')).toEqual([]);
  });

  it('put the content-reading API above both the kit collections and the ledger it reads', () => {
    expect(edges).toContainEqual({ from: 'kit/load.ts', to: 'ledger/load.ts' });
    expect(layerOf('kit/load.ts')).toBeGreaterThan(layerOf('ledger/load.ts'));
    expect(layerOf('ledger/load.ts')).toBeGreaterThan(layerOf('kit/partners.ts'));
  });

  it('take Zod from src/schemas/zod.ts, which sets it up before any schema is built', () => {
    const direct = sourceFiles(src)
      .filter((file) => /^\s*(?:import|export)\s+(?!type\b)[^;]*?from\s*['"]zod(?:\/[^'"]*)?['"]|\bimport\(\s*['"]zod(?:\/[^'"]*)?['"]/m.test(readFileSync(file, 'utf8')))
      .map((file) => relative(src, file));
    expect(direct).toEqual(['schemas/zod.ts']);
  });
});

describe('what the everyday commands load', () => {
  const content = join(tempDir('layers-'), 'content');
  cpSync(join(repoRoot, 'content'), content, { recursive: true });

  const drawing = (packages: string[]) => packages.filter((name) => /^(@resvg\/|astro|satori|harfbuzzjs)/.test(name));

  it('check reads photos with image-size, and loads neither the image renderer nor Astro', () => {
    const packages = packagesLoadedBy(['check', '--content', content]);
    expect(packages).toContain('image-size');
    expect(drawing(packages)).toEqual([]);
  });

  it('check parses scripts with the MDX parser alone, without the MDX compiler behind it', () => {
    const packages = packagesLoadedBy(['check', '--content', content]);
    expect(packages).toContain('remark-mdx');
    expect(packages).not.toContain('@mdx-js/mdx');
  });

  it('report in the terminal loads neither the MDX compiler nor the mail composer: only --html fills messages in', () => {
    const packages = packagesLoadedBy(['report', '--content', content, '--today', '2026-12-01']);
    expect(packages).toContain('yaml');
    expect(packages).not.toContain('@mdx-js/mdx');
    expect(packages.filter((name) => name.startsWith('nodemailer'))).toEqual([]);
  });

  it('log loads neither the image renderer nor Astro, nor the MDX compiler of scripts it does not read', () => {
    const packages = packagesLoadedBy(['log', 'ask', 'dana-wu', '--content', content]);
    expect(drawing(packages)).toEqual([]);
    expect(packages).not.toContain('@mdx-js/mdx');
  });
});
