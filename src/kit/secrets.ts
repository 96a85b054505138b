/**
 * Mail credentials have no place in the content folder: it is the folder an owner commits, shares
 * and hands to a hosting service. `check` (and so the build) refuses a kit holding a mail
 * password or a mail settings file, with where it is.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { mailSentences } from '../mail/default-messages.ts';
import { diagnostic, startOfFile, type Diagnostic } from './diagnostics.ts';

/** Files that hold mail settings or passwords by their name alone. */
const secretFileNames = /^(mail\.ya?ml|\.env(\..+)?|\.netrc)$/i;

/** Text that sets a mail password: an environment line, a YAML key, or a password inside an address. */
const secretText = [/REFERRAL_KIT_(SMTP|IMAP)_PASSWORD\s*[=:]/, /^[ \t-]*(smtp_|imap_|mail_)?pass(word)?[ \t]*:[ \t]*\S/m, /\b(smtps?|imaps?):\/\/[^\s/:@]+:[^\s/@]+@/i];

const textExtensions = /\.(ya?ml|mdx?|txt|json|env|toml|ini|conf)$/i;
/** Bounds on the walk: a content folder is a few hundred files at most. */
const maxEntries = 5000;
const maxBytes = 1_000_000;

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

/** Read synchronously, like the other content files (src/kit/content-file.ts says why). */
export async function findMailSecrets(contentDir: string): Promise<Diagnostic[]> {
  const diagnostics: Diagnostic[] = [];
  const pending = [contentDir];
  let seen = 0;
  while (pending.length && seen < maxEntries) {
    const dir = pending.pop()!;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (++seen > maxEntries) break;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== '.git' && entry.name !== 'node_modules') pending.push(path);
        continue;
      }
      if (!entry.isFile()) continue;
      if (secretFileNames.test(entry.name)) {
        diagnostics.push(diagnostic(path, startOfFile, 'error', mailSentences.secretInContent));
        continue;
      }
      if (!textExtensions.test(entry.name) || statSync(path).size > maxBytes) continue;
      const text = readFileSync(path, 'utf8');
      for (const pattern of secretText) {
        const match = pattern.exec(text);
        if (!match) continue;
        diagnostics.push(diagnostic(path, { line: lineOf(text, match.index + (match[0].length - match[0].trimStart().length)), column: 1 }, 'error', mailSentences.secretInContent));
        break;
      }
    }
  }
  return diagnostics;
}
