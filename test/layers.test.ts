/**
 * Imports point down the layers of ARCHITECTURE.md, never up: core helpers → schemas → content
 * reading and checks → ledger, images, site → pages, integration, build, CLI. A new import that
 * points up fails here; the few old ones are listed below until they are gone.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = join(root, 'src');

const layers = ['core helpers', 'schemas', 'content reading and checks', 'ledger, images and site', 'pages, integration, build and CLI'] as const;

const core = [
  'kit/diagnostics.ts',
  'kit/yaml-source.ts',
  'kit/yaml-mistakes.ts',
  'kit/content-file.ts',
  'kit/dates.ts',
  'kit/text.ts',
  'kit/direction-controls.ts',
  'kit/accent.ts',
  'kit/real-path.ts',
  'kit/write-problem.ts',
  // One lock for builds, ledger edits and sending: it depends on nothing of the kit's.
  'build/lock.ts',
];
// Which scripts a partner sees and what their variables hold are rules that checks apply.
const contentReading = ['kit/load.ts', 'kit/script-source.ts', 'kit/partner-file.ts', 'kit/script-selection.ts', 'kit/script-variables.ts', 'kit/copy-check.ts', 'kit/language-check.ts', 'kit/secrets.ts', 'mail/default-messages.ts'];

/** The layer of a file under src/, by its path there. */
function layerOf(file: string): number {
  // The string catalogs are data that schemas (copy:) and checks need; kit-strings.ts reads a kit.
  if (core.includes(file) || (file.startsWith('i18n/') && file !== 'i18n/kit-strings.ts')) return 0;
  if (file.startsWith('schemas/')) return 1;
  if (contentReading.includes(file)) return 2;
  if (/^(kit|ledger|images|site|i18n|mail)\//.test(file)) return 3;
  return 4;
}

/** Imports that point up today, each to be removed. */
const knownUpward = new Set([
  'kit/load.ts → ledger/load.ts',
  'kit/load.ts → images/photo.ts',
  'kit/render-script.ts → integration/script-plugins.ts',
]);

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
    const upward = edges
      .filter(({ from, to }) => layerOf(to) > layerOf(from))
      .map(({ from, to }) => `${from} → ${to}`)
      .filter((edge) => !knownUpward.has(edge));
    expect(upward, upward.map((edge) => `${edge} (${layers[layerOf(edge.split(' → ')[0]!)]} imports ${layers[layerOf(edge.split(' → ')[1]!)]})`).join('\n')).toEqual([]);
  });

  it('lists no old exception that has gone', () => {
    const present = new Set(edges.map(({ from, to }) => `${from} → ${to}`));
    expect([...knownUpward].filter((edge) => !present.has(edge))).toEqual([]);
  });
});
