/** `npm run schemas`: regenerates schemas/*.schema.json after a change to src/schemas/. */
import { relative } from 'node:path';
import { writeJsonSchemas } from './json-schema.ts';

for (const file of await writeJsonSchemas()) console.log(`wrote ${relative(process.cwd(), file)}`);
