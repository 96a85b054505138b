/**
 * Once per test run: a folder for the shared built sites (test/helpers/sites.ts), so each site is
 * built once however many test files, of whichever project, use it, and removed at the end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    siteCache: string;
  }
}

export default function setup(project: TestProject): () => void {
  const siteCache = mkdtempSync(join(tmpdir(), 'referral-kit-sites-'));
  project.provide('siteCache', siteCache);
  return () => rmSync(siteCache, { recursive: true, force: true });
}
