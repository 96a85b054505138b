// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import referralKit from './src/integration/index.ts';
import { scriptRecmaPlugins, scriptRemarkPlugins } from './src/mdx/script-plugins.ts';
import { pageDirectives } from './src/site/headers.ts';

// site and base come from kit.yaml (the referral-kit integration sets them).
export default defineConfig({
  output: 'static',
  trailingSlash: 'always',
  integrations: [referralKit(), mdx()],
  markdown: {
    // Scripts are words, not code: no syntax highlighter to load.
    syntaxHighlight: false,
    // Sätteri, Astro's default Markdown compiler, runs no plugins; scripts need the recma
    // plugin that puts {partner.first_name} and the other variables in scope.
    processor: unified({ remarkPlugins: scriptRemarkPlugins, recmaPlugins: scriptRecmaPlugins }),
  },
  build: {
    // The CSS comes with each page: one round trip fewer before a phone shows the kit.
    inlineStylesheets: 'always',
    // A few pages at once: while one waits for its file to be written (or its CSP hash), the next
    // renders. One at a time left the build idle for a third of page generation (profiled).
    concurrency: 4,
  },
  security: {
    // Each page gets a Content-Security-Policy <meta> with the hashes of its inline styles.
    csp: { directives: [...pageDirectives] },
  },
  vite: {
    // Scripts as files too: nothing inline for a Content-Security-Policy to allow.
    build: { assetsInlineLimit: 0 },
  },
  devToolbar: { enabled: false },
  experimental: {
    // A rebuild copies the pages whose cache key (src/site/page-keys.ts) and code are unchanged
    // from the previous build instead of rendering them (src/build/page-cache.ts).
    incrementalBuild: true,
  },
});
