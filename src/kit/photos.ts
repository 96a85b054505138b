/**
 * Photos named in content files (`owner.photo`, a testimonial's `photo`): inside the content
 * folder by real path, and a usable picture (src/kit/photo-file.ts). Checked while reading, so a
 * bad photo is a message with a position rather than a failed image render.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { diagnostic, type Diagnostic } from './diagnostics.ts';
import { inspectPhotoFile } from './photo-file.ts';
import { isInside, realPathOfSync } from './real-path.ts';
import { positionAt, type YamlSource } from './yaml-source.ts';

/** A photo field checked: inside the content folder, an existing file, and a usable picture. */
export function checkPhoto(contentDir: string, source: YamlSource, path: readonly string[], photo: string | undefined, diagnostics: Diagnostic[]): void {
  if (!photo) return;
  const file = resolve(contentDir, photo);
  // By real path: a photo that is a symbolic link to a file elsewhere would publish that file.
  const realContent = realPathOfSync(contentDir);
  if (!file.startsWith(`${resolve(contentDir)}/`) || (existsSync(file) && !isInside(realPathOfSync(file), realContent)) || realPathOfSync(file) === realContent) {
    diagnostics.push(diagnostic(source.file, positionAt(source, path), 'error', `${path.join('.')}: must be inside the content folder`));
  } else if (!existsSync(file) || !statSync(file).isFile()) {
    diagnostics.push(diagnostic(source.file, positionAt(source, path), 'error', `${path.join('.')}: file not found: ${photo}`));
  } else {
    const { problem } = inspectPhotoFile(file);
    if (problem) diagnostics.push(diagnostic(source.file, positionAt(source, path), 'error', `${path.join('.')}: ${photo} ${problem}`));
  }
}
