/** The folder holding astro.config.mjs and src/: where the build runs Astro, whatever the working folder. */
import { fileURLToPath } from 'node:url';

export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
