/**
 * Zod, set up once for every schema: the schemas import `z` from here, never from 'zod' itself
 * (test/layers.test.ts keeps it so), so the setting below is in place before any schema is built.
 *
 * `jitless`: by default Zod compiles a parser for each object schema with `new Function` the
 * first time it is used. That pays off over many thousands of parses of one schema; a command
 * reads each file once, and compiling took longer than parsing: a fifth of `check`'s time on the
 * example kit. Reading the 1,000-partner kit takes the same time either way.
 */
import { z } from 'zod';

z.config({ jitless: true });

export { z };
