/**
 * Invisible direction controls (embeddings, overrides, isolates), as a regular-expression range:
 * one left open turns the rest of a sentence around on a page or in an email, and a pair makes
 * "gnp.exe" show as "exe.png". Arabic and Hebrew text needs none of them; the marks U+200E and
 * U+200F are not among them.
 */
export const directionControls = '\\u202A-\\u202E\\u2066-\\u2069';
