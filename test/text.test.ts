import { describe, expect, it } from 'vitest';
import { htmlToText, paragraphs } from '../src/kit/text.ts';

describe('htmlToText', () => {
  it('gives the text a browser shows: paragraphs apart, markup gone, entities decoded', () => {
    expect(htmlToText('<p>Hi <strong>Jane</strong>,</p>\n<p>Meet Maya &amp; Co.<br>Line two</p>')).toBe(
      'Hi Jane,\n\nMeet Maya & Co.\nLine two',
    );
  });

  it('drops the spaces a line break leaves at the start of the next line, as browsers do', () => {
    expect(htmlToText('<p>Thanks,<br>\n  Maya</p>')).toBe('Thanks,\nMaya');
  });

  it('keeps text that looks like markup as text', () => {
    expect(htmlToText('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>')).toBe('<script>alert(1)</script>');
  });
});

describe('paragraphs', () => {
  it('splits on blank lines', () => {
    expect(paragraphs('One\nstill one\n\n  Two  \n\n\n')).toEqual(['One\nstill one', 'Two']);
  });
});
