/** Which packages a CLI command loads, for tests that keep everyday commands light. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'vitest';
import { repoRoot } from './fixtures.ts';

/** The packages (bare specifiers) a CLI command resolves in its own process while it runs, as a real process. */
export function packagesLoadedBy(args: string[], env: NodeJS.ProcessEnv = {}): string[] {
  const bin = pathToFileURL(join(repoRoot, 'bin', 'referral-kit.js')).href;
  const script = `
    import { registerHooks } from 'node:module';
    const packages = new Set();
    registerHooks({
      resolve(specifier, context, next) {
        if (!/^(\\.|\\/|node:|file:|data:)/.test(specifier)) packages.add(specifier);
        return next(specifier, context);
      },
    });
    process.on('exit', () => process.stderr.write('\\npackages: ' + JSON.stringify([...packages]) + '\\n'));
    await import(${JSON.stringify(bin)});
  `;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script, 'referral-kit', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  const line = result.stderr.split('\n').find((l) => l.startsWith('packages: '));
  expect(line, result.stderr).toBeDefined();
  return JSON.parse(line!.slice('packages: '.length)) as string[];
}
