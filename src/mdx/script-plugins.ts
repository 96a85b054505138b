/**
 * The MDX plugins every script is compiled with, in one place: astro.config.mjs hands them to
 * Astro for the pages, and src/kit/render-script.ts uses them for `referral-kit invite`, so an
 * invitation says exactly what the site would.
 */
import remarkGfm from 'remark-gfm';
import remarkSmartypants from 'remark-smartypants';
import { recmaScriptVariables } from './recma-script-variables.ts';
import { remarkLinkVariables } from './remark-link-variables.ts';
import { remarkScriptParagraphs } from './remark-script-paragraphs.ts';

export const scriptRemarkPlugins = [remarkScriptParagraphs, remarkLinkVariables];
export const scriptRecmaPlugins = [recmaScriptVariables];

/**
 * Markdown features Astro's `unified()` processor adds on its own (its `gfm` and `smartypants`
 * options default to on). A compiler outside Astro adds them itself, before our plugins, as
 * Astro does.
 */
export const astroMarkdownDefaults = [remarkGfm, remarkSmartypants];
