/** Text helpers for fields and the terminal; none of them loads an HTML parser. */
import { directionControls } from './direction-controls.ts';

/**
 * Compares text the same way on every computer: with a fixed locale, not the process's (under
 * Danish collation "aa" sorts after "z", and 14 pages came out different).
 */
const collator = new Intl.Collator('en-US');
export function compareText(a: string, b: string): number {
  return collator.compare(a, b);
}

/** `1 day`, `3 days`: a count and an English word for what is counted (messages for the owner, not catalog text). */
export function plural(n: number, word: string, words = `${word}s`): string {
  return `${n} ${n === 1 ? word : words}`;
}

/** Text for HTML content and attribute values alike, for the few pages written as strings. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Paragraphs of a plain-text field (a partner's greeting): split on blank lines. */
export function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean);
}

/** Control characters (C1 too: some terminals read U+009B as the start of an escape sequence) and direction controls. */
const unprintable = new RegExp(`[\\u0000-\\u001f\\u007f-\\u009f${directionControls}]`, 'g');

/**
 * A value for the terminal: control characters shown escaped, so a hostile name cannot move the
 * cursor or recolour the screen, nor turn the rest of the line around.
 */
export function printable(value: string): string {
  return value.replace(unprintable, (c) => {
    const escaped = JSON.stringify(c).slice(1, -1);
    return escaped !== c ? escaped : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/**
 * Columns a value takes in a terminal: East Asian wide characters and most emoji take two,
 * combining marks none. Enough to line up a table of names in any script.
 */
export function displayWidth(value: string): number {
  let width = 0;
  for (const c of value) {
    if (/\p{M}|\u200b|\u200d/u.test(c)) continue;
    width +=
      /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1f64f}\u{1f900}-\u{1f9ff}\u{20000}-\u{3fffd}]/u.test(
        c,
      )
        ? 2
        : 1;
  }
  return width;
}

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });
const firstGrapheme = (word: string) => graphemes.segment(word)[Symbol.iterator]().next().value?.segment ?? '';

/**
 * Initials as people expect them: first and last for Latin, Greek and Cyrillic names ("MO"),
 * the first character only elsewhere (Arabic letters would join, and CJK names have no initials).
 */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = firstGrapheme(words[0] ?? '');
  if (!/^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]/u.test(first)) return first;
  const last = words.length > 1 ? firstGrapheme(words.at(-1)!) : '';
  return `${first}${/^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]/u.test(last) ? last : ''}`.toUpperCase();
}
