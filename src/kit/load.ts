/**
 * The one way to read a content folder, for every command, the build and the Astro integration.
 * A caller names the parts it needs and gets them typed, with every finding of what was read:
 *
 *   readContent(dir, ['content'])                        everything, checked as `check` and the build do
 *   readContent(dir, ['kitFile'])                        kit.yaml alone (the site's address, the owner)
 *   readContent(dir, ['kitFile', 'partners', 'ledger'])  what `log`, `update` and `report` work on
 *
 * A folder that is not there is one finding, said the same way whichever command asks. The parts
 * are read by their own modules (src/kit/kit-file.ts, partners.ts, script-files.ts,
 * testimonials.ts, the ledger's src/ledger/load.ts) and checked against each other by
 * cross-checks.ts; this module sits above all of them and only puts them together. Whatever is
 * asked for, the ledger's entries never reach `content`: nothing a page can see holds a
 * prospect's name.
 */
import { join, resolve } from 'node:path';
import { checkLedgerText, ledgerPath, loadLedger, type CheckedLedger, type LedgerFile } from '../ledger/load.ts';
import type { LedgerContext } from '../schemas/ledger.ts';
import { missingContentFolder } from './content-folder.ts';
import { localToday } from './dates.ts';
import { capPerFile, hasErrors, sortDiagnostics, type Diagnostic } from './diagnostics.ts';
import { loadKitFile, type KitFile } from './kit-file.ts';
import type { KitContent } from './kit-content.ts';
import { loadPartners, type PartnerFolder } from './partners.ts';

export type { KitContent } from './kit-content.ts';

/** `referrals.yaml` as read, with what its entries are checked against. */
interface LedgerReading extends LedgerFile {
  /** The partner slugs and the date the ledger's entries are checked against. */
  context: LedgerContext;
  /** Another text of the same ledger checked the same way: what `log` and `update` are about to write. */
  check(text: string): CheckedLedger;
}

/** What each part of a reading holds. */
interface ContentParts {
  /** kit.yaml checked on its own; `kit` is there when it passes its schema. */
  kitFile: KitFile;
  /** Every partner file, each checked and all checked against each other. */
  partners: PartnerFolder;
  /** The whole kit, read and checked as `check` and the build do; undefined when anything has an error. */
  content: KitContent | undefined;
  /** The private ledger's entries, checked against the partner files and today. */
  ledger: LedgerReading;
}

type ContentPart = keyof ContentParts;

export type ContentReading<P extends ContentPart> = {
  /** The content folder, resolved. */
  contentDir: string;
  /** True when the folder is not there (or is a file): `diagnostics` then holds the one finding that says so. */
  missing: boolean;
  /**
   * The findings of everything read, errors first, then by file and position. With `content`,
   * exactly what `check` prints; otherwise those of the parts asked for.
   */
  diagnostics: Diagnostic[];
} & { [K in P]: ContentParts[K] };

interface ReadOptions {
  /**
   * The date the ledger's dates are checked against (none may be in the future), as YYYY-MM-DD.
   * Defaults to today on this computer's clock; tests and `report --today` pass their own.
   */
  today?: string | undefined;
}

/** The content folder's parts, read once each whatever combination is asked for. */
export async function readContent<const P extends ContentPart>(contentDirectory: string, parts: readonly P[], options: ReadOptions = {}): Promise<ContentReading<P>> {
  const contentDir = resolve(contentDirectory);
  const asked = new Set<ContentPart>(parts);
  const whole = asked.has('content');
  const missingFolder = missingContentFolder(contentDir);
  const today = options.today ?? localToday();

  const kitFile: KitFile = missingFolder || !(whole || asked.has('kitFile')) ? { kitFile: join(contentDir, 'kit.yaml'), diagnostics: [] } : await loadKitFile(contentDir);
  const partnerFolder: PartnerFolder =
    missingFolder || !(whole || asked.has('partners') || asked.has('ledger'))
      ? { partners: [], files: [], emails: new Map(), unreadable: [], sources: new Map(), diagnostics: [] }
      : await loadPartners(contentDir);
  const context: LedgerContext = { partners: partnerFolder.files.map((entry) => entry.slug), today };
  const ledgerFile: LedgerFile = missingFolder || !(whole || asked.has('ledger')) ? { file: ledgerPath(contentDir), exists: false, diagnostics: [] } : await loadLedger(contentDir, context);
  const ledger: LedgerReading = { ...ledgerFile, context, check: (text) => checkLedgerText(ledgerFile.file, text, context) };

  let content: KitContent | undefined;
  let diagnostics: Diagnostic[];
  if (missingFolder) {
    diagnostics = [missingFolder];
  } else if (whole) {
    // Loaded only for the whole kit: the MDX compiler behind the scripts is most of a command's
    // start-up, and `log`, `update` and `report` never read a script.
    const [{ loadScripts }, { loadTestimonials }, { findMailSecrets }, { checkAcrossFiles }] = await Promise.all([
      import('./script-files.ts'),
      import('./testimonials.ts'),
      import('./secrets.ts'),
      import('./cross-checks.ts'),
    ]);
    const found = [...kitFile.diagnostics, ...partnerFolder.diagnostics];
    const scripts = await loadScripts(contentDir, found);
    const testimonialFolder = await loadTestimonials(contentDir, found);
    found.push(...(await findMailSecrets(contentDir)));
    const { kit, source: kitSource } = kitFile;
    checkAcrossFiles({ contentDir, kitFile: kitFile.kitFile, kit, kitSource, partnerFolder, scripts, testimonialFolder, ledgerExists: ledgerFile.exists }, found);
    // The ledger is checked like every other file, but its entries stay out of the content.
    found.push(...ledgerFile.diagnostics);
    diagnostics = sortDiagnostics(capPerFile(found));
    if (kit && !hasErrors(diagnostics)) {
      content = { contentDir, kitFile: kitFile.kitFile, kit, partners: partnerFolder.partners, scripts, testimonials: testimonialFolder.testimonials };
    }
  } else {
    diagnostics = sortDiagnostics(capPerFile([...kitFile.diagnostics, ...partnerFolder.diagnostics, ...ledgerFile.diagnostics]));
  }

  const reading: Record<string, unknown> = { contentDir, missing: Boolean(missingFolder), diagnostics };
  if (asked.has('kitFile')) reading['kitFile'] = kitFile;
  if (asked.has('partners')) reading['partners'] = partnerFolder;
  if (asked.has('content')) reading['content'] = content;
  if (asked.has('ledger')) reading['ledger'] = ledger;
  return reading as ContentReading<P>;
}

export interface LoadResult {
  /** Present when there are no errors (warnings allowed). */
  content?: KitContent;
  diagnostics: Diagnostic[];
}

/** The whole kit, checked: `readContent(dir, ['content'])` in the shape the build and `check` take. */
export async function loadKit(contentDirectory: string, options: ReadOptions = {}): Promise<LoadResult> {
  const { content, diagnostics } = await readContent(contentDirectory, ['content'], options);
  return content ? { content, diagnostics } : { diagnostics };
}
