/** `scripts/<id>.mdx`: each file read and checked on its own (src/kit/script-source.ts says what MDX may hold). */
import { join } from 'node:path';
import { readContentFile } from './content-file.ts';
import { listFolder } from './content-folder.ts';
import { diagnostic, startOfFile, type Diagnostic } from './diagnostics.ts';
import { readScript, type ScriptSource } from './script-source.ts';
import { slugify } from './slug.ts';

/** The scripts of a content folder that can be used; the problems of the others go to `diagnostics`. */
export async function loadScripts(contentDir: string, diagnostics: Diagnostic[]): Promise<ScriptSource[]> {
  const scripts: ScriptSource[] = [];
  for (const { file, name } of await listFolder(join(contentDir, 'scripts'), ['.mdx'], diagnostics)) {
    // The file name becomes a module id the bundler resolves: `#`, `?` and `%` break it there.
    const unsafe = /[#?%]/.exec(name);
    if (unsafe) {
      diagnostics.push(
        diagnostic(
          file,
          startOfFile,
          'error',
          `file name: "${unsafe[0]}" cannot be in a script's file name (the build reads it as part of an address); rename the file to ${slugify(name) || 'script'}.mdx`,
        ),
      );
      continue;
    }
    const content = await readContentFile(file, 'script');
    if (content.diagnostic) {
      diagnostics.push(content.diagnostic);
      continue;
    }
    const read = readScript(file, name, content.text);
    diagnostics.push(...read.diagnostics);
    if (read.script) scripts.push(read.script);
  }
  return scripts;
}
