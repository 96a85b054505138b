import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { appendEntry, changeFile, ledgerTemplate, scalarText, setFields, writeFileAtomically, type EditResult } from '../src/ledger/edit.ts';
import { tempDir } from './helpers/fixtures.ts';

function text(result: EditResult): string {
  if ('problem' in result) throw new Error(result.problem);
  return result.text;
}

/** The lines of `after` are those of `before` with `added` inserted at `at` (0-based), nothing else. */
function expectInserted(before: string, after: string, at: number, added: string[]) {
  const lines = before.split('\n');
  lines.splice(at, 0, ...added);
  expect(after).toBe(lines.join('\n'));
}

const commented = `# My ledger   (hand-written)
received:        # what came in
  - date: 2026-10-02
    from: jane-smith      # a partner slug
    prospect: "Dana Wu"
    status:   contacted   # called her on Friday
    notes: |
      Long note.

      # not a comment: part of the note
  # - date: 2026-01-01   (an old entry, commented out)

given:
  - { date: 2026-09-10, to: jane-smith, prospect: Lee Park }   # flow style
asks: [ {date: 2026-08-01, partner: jane-smith} ]
# the end
`;

describe('appendEntry', () => {
  it('adds a received entry after the last one, in its indentation, touching nothing else', () => {
    const after = text(
      appendEntry(commented, 'received', [
        ['date', '2026-10-05'],
        ['from', 'omar'],
        ['prospect', 'Lee'],
        ['status', 'introduced'],
      ]),
    );
    expectInserted(commented, after, 10, ['  - date: 2026-10-05', '    from: omar', '    prospect: Lee', '    status: introduced']);
    expect((parse(after) as { received: { notes: string }[] }).received[0]!.notes).toBe('Long note.\n\n# not a comment: part of the note\n');
  });

  it('adds a one-line entry to a list of one-liners, and into a [ … ] list', () => {
    const given = text(
      appendEntry(commented, 'given', [
        ['date', '2026-10-06'],
        ['to', 'omar'],
        ['prospect', 'Kim, Jo'],
      ]),
    );
    expectInserted(commented, given, 14, ['  - { date: 2026-10-06, to: omar, prospect: "Kim, Jo" }']);
    const asks = text(
      appendEntry(commented, 'asks', [
        ['date', '2026-10-07'],
        ['partner', 'omar'],
        ['reeducated', true],
      ]),
    );
    expect(asks).toBe(commented.replace('partner: jane-smith} ]', 'partner: jane-smith}, { date: 2026-10-07, partner: omar, reeducated: true } ]'));
    expect(
      text(
        appendEntry('asks: []\n', 'asks', [
          ['date', '2026-10-07'],
          ['partner', 'omar'],
        ]),
      ),
    ).toBe('asks: [{ date: 2026-10-07, partner: omar }]\n');
  });

  it('starts a list that is blank, or missing, or a file that is empty', () => {
    const template = ledgerTemplate('../schemas/referrals.schema.json');
    const first = text(
      appendEntry(template, 'received', [
        ['date', '2026-10-05'],
        ['from', 'omar'],
        ['prospect', 'Lee'],
      ]),
    );
    expect(first).toBe(template.replace('came to you\n', 'came to you\n  - date: 2026-10-05\n    from: omar\n    prospect: Lee\n'));
    const asked = text(
      appendEntry(first, 'asks', [
        ['date', '2026-10-05'],
        ['partner', 'omar'],
      ]),
    );
    expect(asked).toBe(first.replace('for introductions\n', 'for introductions\n  - { date: 2026-10-05, partner: omar }\n'));
    expect(
      text(
        appendEntry('received: []\n# no given yet', 'given', [
          ['date', '2026-10-05'],
          ['to', 'omar'],
          ['prospect', 'Lee'],
        ]),
      ),
    ).toBe('received: []\n# no given yet\ngiven:\n  - { date: 2026-10-05, to: omar, prospect: Lee }\n');
    expect(
      text(
        appendEntry('', 'asks', [
          ['date', '2026-10-05'],
          ['partner', 'omar'],
        ]),
      ),
    ).toBe('asks:\n  - { date: 2026-10-05, partner: omar }\n');
  });

  it('keeps Windows line endings, and a file without a final line break', () => {
    const crlf = 'received:\r\n  - date: 2026-10-02\r\n    from: a\r\n    prospect: B\r\n';
    expect(
      text(
        appendEntry(crlf, 'received', [
          ['date', '2026-10-03'],
          ['from', 'c'],
          ['prospect', 'D'],
        ]),
      ),
    ).toBe(`${crlf}  - date: 2026-10-03\r\n    from: c\r\n    prospect: D\r\n`);
    expect(
      text(
        appendEntry('received:\n- date: 2026-10-02\n  from: a\n  prospect: B', 'received', [
          ['date', '2026-10-03'],
          ['from', 'c'],
        ]),
      ),
    ).toBe('received:\n- date: 2026-10-02\n  from: a\n  prospect: B\n- date: 2026-10-03\n  from: c');
  });

  it('writes any name so that YAML reads it back as that name', () => {
    const names = ['O\'Brien: "Jo" #1', 'true', '2026', '- dash', '[x]', 'a, b', '  spaced  ', '王小明', 'null', '@handle', 'Zoë\u001b[31m', 'line\nbreak'];
    for (const name of names) {
      for (const list of ['received', 'given'] as const) {
        const after = text(
          appendEntry(commented, list, [
            ['date', '2026-10-05'],
            ['prospect', name],
          ]),
        );
        expect((parse(after) as Record<string, { prospect: string }[]>)[list]!.at(-1)!.prospect, `${list}: ${name}`).toBe(name);
      }
    }
    expect(scalarText('Dana Wu', true)).toBe('Dana Wu');
    expect(scalarText('Dana, Wu', true)).toBe('"Dana, Wu"');
    expect(scalarText(4800, false)).toBe('4800');
  });

  it('refuses what it cannot edit without reformatting', () => {
    expect(appendEntry('received: [\n', 'received', [['date', '2026-10-05']])).toEqual({ problem: 'the file is not valid YAML' });
    expect(appendEntry('received: 3\n', 'received', [['date', '2026-10-05']])).toEqual({ problem: 'received: must be a list' });
    expect(appendEntry('- a\n', 'received', [['date', '2026-10-05']])).toEqual({ problem: 'the file must hold the lists received, given and asks' });
  });
});

describe('setFields', () => {
  it("replaces values in place and adds missing fields after the entry's last line", () => {
    const after = text(
      setFields(commented, 0, [
        ['status', 'won'],
        ['value', 4800],
        ['thanked', '2026-10-20'],
      ]),
    );
    const lines = commented.split('\n');
    lines[5] = '    status:   won   # called her on Friday';
    lines.splice(10, 0, '    value: 4800', '    thanked: 2026-10-20');
    // The new fields follow the entry's last line, the last line of its block note.
    expect(after).toBe(lines.join('\n'));
    expect(parse(after)).toMatchObject({ received: [{ status: 'won', value: 4800, thanked: '2026-10-20', notes: 'Long note.\n\n# not a comment: part of the note\n' }] });
  });

  it('fills a blank field after its colon, keeping its comment', () => {
    const before = 'received:\n  - date: 2026-10-02\n    from: a\n    prospect: B\n    thanked:     # not yet\n    value: 10\n';
    expect(
      text(
        setFields(before, 0, [
          ['thanked', '2026-10-21'],
          ['value', 20],
        ]),
      ),
    ).toBe('received:\n  - date: 2026-10-02\n    from: a\n    prospect: B\n    thanked: 2026-10-21     # not yet\n    value: 20\n');
  });

  it('edits a { … } entry in place', () => {
    const before = 'received:\n  - { date: 2026-10-02, from: a, prospect: B }  # short\n  - { date: 2026-10-03, from: c, prospect: D, status: meeting }\n';
    expect(
      text(
        setFields(before, 1, [
          ['status', 'won'],
          ['outcome_shared', '2026-10-21'],
        ]),
      ),
    ).toBe('received:\n  - { date: 2026-10-02, from: a, prospect: B }  # short\n  - { date: 2026-10-03, from: c, prospect: D, status: won, outcome_shared: 2026-10-21 }\n');
  });

  it('refuses an entry that does not exist', () => {
    expect(setFields(commented, 3, [['status', 'won']])).toEqual({ problem: 'received[3]: not found' });
  });
});

describe('writing the ledger', () => {
  it('replaces the file in one step, keeping its permissions and leaving no temporary file', async () => {
    const dir = tempDir('atomic');
    const file = join(dir, 'referrals.yaml');
    writeFileSync(file, 'old');
    chmodSync(file, 0o640);
    await writeFileAtomically(file, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(['referrals.yaml']);
  });

  it('creates a new ledger readable by its owner only', async () => {
    const file = join(tempDir('atomic'), 'referrals.yaml');
    await writeFileAtomically(file, 'new');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('writes through a symbolic link, which keeps pointing at the real file', async () => {
    const dir = tempDir('atomic');
    mkdirSync(join(dir, 'private'));
    const real = join(dir, 'private', 'ledger.yaml');
    writeFileSync(real, 'old');
    symlinkSync(real, join(dir, 'referrals.yaml'));
    await writeFileAtomically(join(dir, 'referrals.yaml'), 'new');
    expect(readFileSync(real, 'utf8')).toBe('new');
    expect(readdirSync(join(dir, 'private'))).toEqual(['ledger.yaml']);
  });

  it('writes nothing when the change leaves the text as it was', async () => {
    const file = join(tempDir('unchanged'), 'referrals.yaml');
    writeFileSync(file, 'asks:\n');
    const before = statSync(file);
    const result = await changeFile(file, '', (text) => ({ text, result: 'same' }));
    expect(result).toEqual({ result: 'same', created: false });
    // A write replaces the file with a new one (a new inode); nothing was replaced.
    expect(statSync(file).ino).toBe(before.ino);
    expect(statSync(file).mtimeMs).toBe(before.mtimeMs);
  });

  it('makes a change again when the file changed while it was being made', async () => {
    const file = join(tempDir('race'), 'referrals.yaml');
    writeFileSync(file, 'asks:\n');
    let calls = 0;
    const result = await changeFile(file, '', (before) => {
      calls++;
      // Another command writes the file while this one is working, the first time only.
      if (calls === 1) writeFileSync(file, 'asks:\n  - { date: 2026-10-01, partner: a }\n');
      return {
        text: text(
          appendEntry(before, 'asks', [
            ['date', '2026-10-02'],
            ['partner', 'b'],
          ]),
        ),
        result: calls,
      };
    });
    expect(result).toEqual({ result: 2, created: false });
    expect(readFileSync(file, 'utf8')).toBe('asks:\n  - { date: 2026-10-01, partner: a }\n  - { date: 2026-10-02, partner: b }\n');
  });
});
