/**
 * Renders a script outside Astro, for `referral-kit invite`: the same MDX compiler and plugins as
 * the site, with a JSX runtime that builds a HAST tree instead of a page.
 *
 * Running the compiled MDX is safe because `readScript` has already refused anything but text,
 * Markdown and variables: there is no code in a script to run.
 */
import { readFile } from 'node:fs/promises';
import { compile, run } from '@mdx-js/mdx';
import type { Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import * as hastRuntime from 'hastscript/jsx-runtime';
import { VFile } from 'vfile';
import { astroMarkdownDefaults, scriptRecmaPlugins, scriptRemarkPlugins } from '../mdx/script-plugins.ts';
import type { ScriptContext } from './script-variables.ts';
import { splitFrontmatter } from './script-source.ts';
import { htmlToText } from './html-text.ts';

export interface RenderedScript {
  /** An HTML fragment, as the kit page shows the script. */
  html: string;
  /** What a reader sees: the text a browser's copy gives, and the text/plain part of an email. */
  text: string;
}

export type ScriptRenderer = (context: ScriptContext) => RenderedScript;

/** Compiles a script once; the returned function renders it for one partner. */
export async function compileScript(file: string): Promise<ScriptRenderer> {
  // The body keeps its line numbers, so a compile error points at the right line of the file.
  const { body } = splitFrontmatter(await readFile(file, 'utf8'));
  return compileScriptBody(body, file);
}

/** Compiles a script body held in memory (a built-in message), named `file` in any error. */
export async function compileScriptBody(body: string, file: string): Promise<ScriptRenderer> {
  const code = await compile(new VFile({ path: file, value: body }), {
    outputFormat: 'function-body',
    remarkPlugins: [...astroMarkdownDefaults, ...scriptRemarkPlugins],
    recmaPlugins: scriptRecmaPlugins,
  });
  const { default: Content } = await run(code, hastRuntime);
  return (context) => {
    const tree = Content(context as never) as unknown as Root;
    const html = toHtml(tree);
    return { html, text: htmlToText(html) };
  };
}
