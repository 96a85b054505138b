/**
 * The owner's colours as a stylesheet module (`virtual:referral-kit/theme.css`): bundled with
 * the site's CSS at build time, so pages need no inline style and the Content-Security-Policy
 * can refuse them all.
 */
import type { Plugin } from 'vite';
import { accentStyle } from '../kit/accent.ts';

export const themeModule = 'virtual:referral-kit/theme.css';
const resolved = `\0${themeModule}`;

/** `accent` reads kit.yaml's colour; in dev, saving kit.yaml reloads the page with the new one. */
export function themePlugin(kitFile: string, accent: () => Promise<string>): Plugin {
  return {
    name: 'referral-kit:theme',
    resolveId: (id) => (id === themeModule ? resolved : undefined),
    // html:root outranks the defaults in site.css, whichever file the browser reads last.
    load: async (id) => (id === resolved ? `html:root{${accentStyle(await accent())}}\n` : undefined),
    configureServer(server) {
      server.watcher.add(kitFile);
      server.watcher.on('change', (file) => {
        const module = file === kitFile && server.moduleGraph.getModuleById(resolved);
        if (!module) return;
        server.moduleGraph.invalidateModule(module);
        server.ws.send({ type: 'full-reload' });
      });
    },
  };
}
