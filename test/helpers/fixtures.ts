/** Fixture kits under test/fixtures/, and temporary folders to build them into. */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export function fixture(name: string): string {
  return join(repoRoot, 'test', 'fixtures', name);
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `referral-kit-${prefix}-`));
}

/** A writable copy of a fixture, for tests that edit content. */
export function copyFixture(name: string): string {
  const copy = join(tempDir(name), 'content');
  cpSync(fixture(name), copy, { recursive: true });
  return copy;
}
