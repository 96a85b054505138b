/** Runs the CLI in-process, the way `referral-kit …` would, capturing output and the exit code. */
import { vi } from 'vitest';
import { run } from '../../src/cli/main.ts';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[]): Promise<CliRun> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const text = (parts: unknown[]) => parts.map(String).join(' ');
  const spies = [
    vi.spyOn(console, 'log').mockImplementation((...parts) => void stdout.push(text(parts))),
    vi.spyOn(console, 'info').mockImplementation((...parts) => void stdout.push(text(parts))),
    vi.spyOn(console, 'warn').mockImplementation((...parts) => void stderr.push(text(parts))),
    vi.spyOn(console, 'error').mockImplementation((...parts) => void stderr.push(text(parts))),
  ];
  let exitCode: number | undefined;
  spies.push(
    vi.spyOn(process, 'exit').mockImplementation(((code?: number) => {
      exitCode ??= code ?? 0;
    }) as typeof process.exit),
  );
  process.exitCode = undefined;
  try {
    await run(args);
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  const code = exitCode ?? Number(process.exitCode ?? 0);
  process.exitCode = undefined;
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}
