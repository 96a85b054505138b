import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../src/kit/diagnostics.ts';
import { findHashComments, findYamlMistakes } from '../src/kit/yaml-mistakes.ts';
import { parseYaml } from '../src/kit/yaml-source.ts';
import { loadKit } from '../src/kit/load.ts';
import { minimalKit, partnerYaml, writeKit } from './helpers/kit.ts';

/** What `check` prints for a file with this text. */
function errors(text: string): string[] {
  return parseYaml('/kit/kit.yaml', text).diagnostics.map((d) => formatDiagnostic(d, '/kit'));
}

describe('YAML mistakes as one plain sentence at their own line', () => {
  it('a field indented further than the one above it', () => {
    expect(errors('owner:\n  name: Maya\n   business: Ledger\n  email: m@example.com\n')).toEqual([
      'kit.yaml:3:4: error: `business:` is indented further than `name:` above it, which already has a value: line the two up',
    ]);
  });

  it('a field indented less than its neighbours', () => {
    expect(errors('owner:\n  name: Maya\n business: Ledger\n')).toEqual(['kit.yaml:3:2: error: `business:` is not lined up with the fields next to it: indent it by 2 spaces, like them']);
  });

  it('tabs: one error, not one per line', () => {
    expect(errors('owner:\n\tname: Maya\n\tbusiness: Ledger\n\temail: m@example.com\nsite:\n  url: https://example.com\n')).toEqual([
      'kit.yaml:2:1: error: this line is indented with a tab: YAML indents with spaces only; replace the tab with two spaces (2 more lines have a tab too)',
    ]);
  });

  it('a missing space after the colon', () => {
    expect(errors('name:Jane Smith\ncategory: client\n')).toEqual(['kit.yaml:1:6: error: put a space after the colon: write `name: Jane Smith`']);
    expect(errors('owner:\n  name:Maya\n  business: Ledger\n')).toEqual(['kit.yaml:2:8: error: put a space after the colon: write `name: Maya`']);
  });

  it('an unclosed quote, at the line that opens it', () => {
    expect(errors('name: "Jane Smith\ncategory: client\ntoken: abc\n')).toEqual(['kit.yaml:1:7: error: this value opens with " but does not close it: end it with " on the same line']);
  });

  it('a list item under a field that already has a value', () => {
    expect(errors('ideal_client:\n  signals:\n  - a\n  - b\n  not_a_fit: c\n  - d\n')).toEqual([
      'kit.yaml:6:3: error: a list item where a field belongs: put `not_a_fit:` alone on its line with the items below it (each `- …`), or remove the `- `',
    ]);
  });

  it('a colon inside a value', () => {
    expect(errors('value:\n  one_liner: Maya: books for studios\n')).toEqual([
      'kit.yaml:2:18: error: this value holds a colon followed by a space, which YAML reads as the start of another field: put the whole value of `one_liner` in quotes',
    ]);
  });

  it("keeps the parser's words for what it cannot explain", () => {
    expect(errors('name: [unclosed\nemail: x\n')).toEqual(['kit.yaml:2:1: error: YAML: Flow sequence in block collection must be sufficiently indented and end with a ]']);
  });

  it('finds nothing in valid files: lists, flow maps, block text, comments', () => {
    const valid = [
      'received:\n  - date: 2026-10-02\n    from: jane\n  - date: 2026-10-03\n    from: b\ngiven:\n  - { date: 2026-09-10, to: jane-smith }\nasks:\n- a\n- b\n',
      'value:\n  pitch: |\n    I am: a #1 bookkeeper\n      indented: more\n  one_liner: Maya # my own comment\nsite:\n  url: https://example.com\n',
      minimalKit,
    ];
    for (const text of valid) {
      expect(findYamlMistakes(text), text).toEqual([]);
      expect(findHashComments(text), text).toEqual([]);
      expect(parseYaml('kit.yaml', text).diagnostics, text).toEqual([]);
    }
  });
});

describe('a # that YAML took for a comment', () => {
  it('warns that the value is empty, and says to quote it', () => {
    expect(errors('site:\n  accent: #e4572e\n')).toEqual(['kit.yaml:2:11: warning: `#e4572e` reads as a comment here, so accent is empty: put the whole value in quotes, like accent: "#e4572e"']);
  });

  it('warns that a value or list item is cut short', () => {
    expect(errors('value:\n  one_liner: We\'re #1 in town\nsignals:\n  - Our #books are late\n  - "#quoted" # fine\n')).toEqual([
      'kit.yaml:2:20: warning: `#1` reads as a comment here, so one_liner is cut short before it: put the whole value in quotes, like one_liner: "… #1"',
      'kit.yaml:4:9: warning: `#books` reads as a comment here, so this item is cut short before it: put the whole value in quotes, like - "… #books"',
    ]);
  });

  it('reaches check for a kit whose accent would otherwise fall back silently', async () => {
    const dir = writeKit({ 'kit.yaml': minimalKit.replace('  url: https://example.com\n', '  url: https://example.com\n  accent: #e4572e\n') });
    const { diagnostics } = await loadKit(dir);
    expect(diagnostics.map((d) => formatDiagnostic(d, dir))).toContain(
      'kit.yaml:7:11: warning: `#e4572e` reads as a comment here, so accent is empty: put the whole value in quotes, like accent: "#e4572e"',
    );
  });
});

describe('files that are not content', () => {
  it('skips dot and underscore files and folders, and .gitkeep, without a word', async () => {
    const jane = partnerYaml('Jane Smith', 'jAn3sm1thT0kenXXaaBBccDD');
    const dir = writeKit({
      'partners/jane-smith.yaml': jane,
      'partners/.gitkeep': '',
      'partners/_old-partner.yaml': 'name: [broken\n',
      'partners/_drafts/someone.yaml': jane,
      'partners/.draft.yaml': jane,
      'scripts/_draft.mdx': '---\ntitle: x\nchannel: nope\n---\n',
      'scripts/.gitkeep': '',
      'testimonials/.gitkeep': '',
      'testimonials/_pending.yaml': 'quote: [\n',
    });
    const { content, diagnostics } = await loadKit(dir);
    expect(diagnostics.filter((d) => d.file.includes('_') || d.file.includes('/.'))).toEqual([]);
    expect(content?.partners.map((p) => p.slug)).toEqual(['jane-smith']);
    expect(content?.scripts.map((s) => s.id)).toEqual(['phone']);
  });
});
