import { describe, expect, it } from 'vitest';
import { quote } from '../src/kit/diagnostics.ts';
import { htmlToText } from '../src/kit/html-text.ts';
import { displayWidth, escapeHtml, paragraphs, plural, printable } from '../src/kit/text.ts';

describe('htmlToText', () => {
  it('gives the text a browser shows: paragraphs apart, markup gone, entities decoded', () => {
    expect(htmlToText('<p>Hi <strong>Jane</strong>,</p>\n<p>Meet Maya &amp; Co.<br>Line two</p>')).toBe('Hi Jane,\n\nMeet Maya & Co.\nLine two');
  });

  it('drops the spaces a line break leaves at the start of the next line, as browsers do', () => {
    expect(htmlToText('<p>Thanks,<br>\n  Maya</p>')).toBe('Thanks,\nMaya');
  });

  it('keeps text that looks like markup as text', () => {
    expect(htmlToText('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>')).toBe('<script>alert(1)</script>');
  });
});

describe('escapeHtml', () => {
  it('escapes what could end a text or an attribute value', () => {
    expect(escapeHtml(`<a href="x" title='y'>Rivera & Co</a>`)).toBe('&#60;a href=&#34;x&#34; title=&#39;y&#39;&#62;Rivera &#38; Co&#60;/a&#62;');
  });
});

describe('plural', () => {
  it('counts in the singular for one only', () => {
    expect([0, 1, 2].map((n) => plural(n, 'day'))).toEqual(['0 days', '1 day', '2 days']);
    expect(plural(3, 'person', 'people')).toBe('3 people');
  });
});

describe('paragraphs', () => {
  it('splits on blank lines', () => {
    expect(paragraphs('One\nstill one\n\n  Two  \n\n\n')).toEqual(['One\nstill one', 'Two']);
  });
});

describe('printable', () => {
  it('escapes C0 and C1 control characters and DEL, and nothing else', () => {
    expect(printable('Zoë\u001b[2J\u0007\u007f\u009b31m 王 عمر')).toBe('Zoë\\u001b[2J\\u0007\\u007f\\u009b31m 王 عمر');
    expect(printable('tab\tline\n')).toBe('tab\\tline\\n');
    expect(printable('Eve \u202Egnp.exe\u202C \u2067x\u2069 \u200F')).toBe('Eve \\u202egnp.exe\\u202c \\u2067x\\u2069 \u200F');
  });

  it('is matched by quote(), which escapes C1 and direction controls too', () => {
    expect(quote('Dana\u001b[2J\u009b31m')).toBe('"Dana\\u001b[2J\\u009b31m"');
    expect(quote('Eve \u202Egnp.exe\u202C "x" \\')).toBe('"Eve \\u202egnp.exe\\u202c \\"x\\" \\\\"');
  });
});

describe('displayWidth', () => {
  it('counts wide characters twice and combining marks not at all', () => {
    expect(displayWidth('Jane')).toBe(4);
    expect(displayWidth('王小明')).toBe(6);
    expect(displayWidth('Zoe\u0308')).toBe(3);
    expect(displayWidth('عمر حداد')).toBe(8);
  });
});
