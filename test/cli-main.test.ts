/** The command table in src/cli/main.ts: what the overview says without loading a command. */
import { describe, expect, it } from 'vitest';
import { commands, overviewExamples } from '../src/cli/main.ts';

const loaded = await Promise.all(
  Object.entries(commands).map(async ([name, entry]) => {
    const [command, examples] = await entry.load();
    const meta = await (typeof command.meta === 'function' ? command.meta() : command.meta);
    return { name, entry, meta, examples };
  }),
);

describe('the command table', () => {
  it('describes each command as the command itself does', () => {
    for (const { name, entry, meta } of loaded) {
      expect(meta?.name, name).toBe(name);
      expect(entry.description, name).toBe(meta?.description);
    }
  });

  it("takes the overview's examples from the commands' own", () => {
    const all = loaded.flatMap(({ examples }) => examples);
    for (const line of overviewExamples) expect(all, line).toContain(line);
  });

  it('gives every command examples that call it', () => {
    for (const { name, examples } of loaded) {
      expect(examples.length, name).toBeGreaterThan(0);
      for (const line of examples) expect(line, name).toMatch(new RegExp(`^referral-kit ${name}( |$)`));
    }
  });
});
