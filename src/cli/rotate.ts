/** `referral-kit rotate <slug>`: a new secret kit link for a partner, revoking the old one. */
import { readFile } from 'node:fs/promises';
import { defineCommand, type ArgsDef } from 'citty';
import { displayPath, quote } from '../kit/diagnostics.ts';
import { readContent } from '../kit/load.ts';
import { newToken, replaceToken } from '../kit/partner-file.ts';
import { absoluteUrl, kitPath } from '../kit/urls.ts';
import { writeProblem } from '../kit/write-problem.ts';
import { removeStaleTemporaries, writeFileAtomically } from '../ledger/edit.ts';
import { CliError } from './cli-error.ts';
import { contentOption, loadSiteKit, rejectUnknown, reportDiagnostics, unknownPartnerMessage } from './options.ts';

const args = {
  ...contentOption,
  slug: { type: 'positional', description: "The partner's file name without .yaml (as `referral-kit links` shows)", required: true, valueHint: 'slug' },
} satisfies ArgsDef;

export const rotateCommand = defineCommand({
  meta: { name: 'rotate', description: 'Give a partner a new secret kit link; the old one stops working at the next deploy' },
  args,
  async run({ args: parsed }) {
    rejectUnknown(parsed, args);
    const kit = await loadSiteKit(parsed.content);
    const { partners: folder } = await readContent(parsed.content, ['partners']);
    const target = folder.files.find((entry) => entry.slug === parsed.slug);
    if (!target) {
      throw new CliError(
        unknownPartnerMessage(
          parsed.slug,
          folder.files.map((entry) => entry.slug),
        ),
      );
    }

    const token = newToken();
    const replaced = replaceToken(target.file, await readFile(target.file, 'utf8'), token);
    if ('diagnostics' in replaced) {
      reportDiagnostics(replaced.diagnostics);
      throw new CliError(`${displayPath(target.file)} was left as it was`);
    }
    // A rotate killed mid-write left a temporary copy holding a token: gone once its process is.
    await removeStaleTemporaries(target.file);
    try {
      // Atomic, as the ledger: a kill or a full disk leaves the old file whole, never a truncated one.
      await writeFileAtomically(target.file, replaced.text);
    } catch (error) {
      throw new CliError(`could not write ${displayPath(target.file)}: ${writeProblem(error)}; it was left as it was, with the old link`);
    }

    const name = folder.partners.find((partner) => partner.slug === target.slug)?.data.name;
    console.log(`✓ New kit link for ${name ? quote(name) : target.slug} in ${displayPath(target.file)}:`);
    console.log(`  ${absoluteUrl(kit.site, kitPath(token))}`);
    console.log('  The old link works until you build and deploy again; after that only the new one does.');
    console.log(`  Send them the new one: referral-kit invite ${target.slug}`);
  },
});

export const rotateExamples = ['referral-kit rotate jane-smith', 'referral-kit rotate jane-smith --content clients/maya'];
