/** `referral-kit add partner "<name>"`: a new partner file with a fresh secret link. */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { defineCommand, type ArgsDef } from 'citty';
import { displayPath, quote } from '../kit/diagnostics.ts';
import { readContent } from '../kit/load.ts';
import { slugify } from '../kit/slug.ts';
import { slugPattern } from '../schemas/fields.ts';
import { newToken, partnerFileText, type NewPartner } from '../kit/partner-file.ts';
import { absoluteUrl, kitPath } from '../kit/urls.ts';
import { writeProblem } from '../kit/write-problem.ts';
import { writeFileAtomically } from '../ledger/edit.ts';
import { parseYaml, validateYaml } from '../kit/yaml-source.ts';
import { jsonSchemaFile } from '../schemas/json-schema.ts';
import { partnerCategories, partnerSchema } from '../schemas/partner.ts';
import { CliError } from './cli-error.ts';
import { contentOption, loadSiteKit, rejectUnknown, reportDiagnostics } from './options.ts';

/** The slug of a partner whose name has no letters or digits at all (names in any script are transliterated): `partner`, then `partner-2`… */
const fallbackSlug = 'partner';

const partnerArgs = {
  ...contentOption,
  name: { type: 'positional', description: 'Their full name, in quotes', required: true, valueHint: 'name' },
  category: {
    type: 'string',
    description: `What kind of partner: ${partnerCategories.join(', ')}`,
    default: 'other',
    valueHint: 'category',
  },
  email: { type: 'string', description: 'Their email (private: used by `invite`, never published)', valueHint: 'address' },
  company: { type: 'string', description: 'Where they work', valueHint: 'text' },
  occupation: { type: 'string', description: 'What they do, e.g. "Tax accountant"', valueHint: 'text' },
  language: { type: 'string', description: 'Their language, e.g. nl or pt-BR (default: site.language)', valueHint: 'tag' },
  slug: {
    type: 'string',
    description: 'File name and share-link name (default: from the name, with -2, -3… when taken)',
    valueHint: 'slug',
  },
} satisfies ArgsDef;

function isTaken(partnersDir: string, slug: string): boolean {
  return ['.yaml', '.yml'].some((extension) => existsSync(join(partnersDir, `${slug}${extension}`)));
}

/** `jane-smith`, or `jane-smith-2` when that one is taken. */
function freeSlug(partnersDir: string, base: string): string {
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    if (!isTaken(partnersDir, slug)) return slug;
  }
}

/** The schema path as the file will reference it: relative, with forward slashes on every system. */
function schemaPathFrom(file: string): string {
  return relative(dirname(file), jsonSchemaFile('partner')).split(sep).join('/');
}

const addPartnerCommand = defineCommand({
  meta: { name: 'partner', description: 'Add a partner: a new file in partners/ with a fresh secret kit link' },
  args: partnerArgs,
  async run({ args: parsed }) {
    rejectUnknown(parsed, partnerArgs);
    const contentDir = resolve(parsed.content);
    const partnersDir = join(contentDir, 'partners');
    const fields: NewPartner = {
      name: parsed.name,
      token: newToken(),
      category: parsed.category,
      // `--company ""` means no company.
      email: parsed.email || undefined,
      company: parsed.company || undefined,
      occupation: parsed.occupation || undefined,
      language: parsed.language || undefined,
    };

    // The values are checked as the text that will be written, by the same schema as `check`
    // (before the slug is chosen: the messages name the option, not a file).
    const draftFile = join(partnersDir, 'new-partner.yaml');
    const checked = validateYaml(parseYaml(draftFile, partnerFileText(fields, schemaPathFrom(draftFile))), partnerSchema);
    if (!checked.data) {
      throw new CliError([...checked.diagnostics.map((d) => d.message), 'nothing was written']);
    }
    const partner = checked.data;

    const kit = await loadSiteKit(contentDir);

    if (partner.email) {
      // Every partner file must be readable to be sure nobody else has this email.
      const { partners: folder } = await readContent(contentDir, ['partners']);
      const unreadable = folder.diagnostics.filter((d) => d.severity === 'error' && folder.unreadable.includes(d.file));
      if (unreadable.length) {
        reportDiagnostics(unreadable);
        throw new CliError('fix the partner files above first: until they can be read, the new email cannot be checked against them');
      }
      const holder = folder.emails.get(partner.email.toLowerCase());
      if (holder) {
        throw new CliError(`email: ${quote(partner.email)} is already in ${displayPath(holder)}: one person, one partner file`);
      }
    }

    let slug: string;
    if (parsed.slug !== undefined) {
      if (!slugPattern.test(parsed.slug)) {
        throw new CliError(`--slug: ${quote(parsed.slug)} must use lowercase letters, digits and dashes, like ${slugify(parsed.slug) || 'jane-smith'}`);
      }
      if (isTaken(partnersDir, parsed.slug)) {
        throw new CliError(`--slug: partners/${parsed.slug}.yaml already exists; choose another slug`);
      }
      slug = parsed.slug;
    } else {
      slug = freeSlug(partnersDir, slugify(partner.name) || fallbackSlug);
    }
    const unnamed = parsed.slug === undefined && !slugify(partner.name);

    const file = join(partnersDir, `${slug}.yaml`);
    await mkdir(partnersDir, { recursive: true });
    try {
      // Exclusive: never overwrite, even if a file appeared since the check above; atomic: a kill
      // or a full disk leaves no file or the whole file, never a truncated one.
      await writeFileAtomically(file, partnerFileText(fields, schemaPathFrom(file)), { exclusive: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new CliError(`could not write ${displayPath(file)}: ${writeProblem(error)}; nothing was added`);
      }
      throw new CliError(`${displayPath(file)} already exists and was left as it was; run the command again`);
    }

    console.log(`✓ Added ${quote(partner.name)} (${partner.category}) in ${displayPath(file)}`);
    console.log(`  Kit link, private to them: ${absoluteUrl(kit.site, kitPath(partner.token))}`);
    console.log(`  It works once you build and deploy. Add details in the file, then: referral-kit invite ${slug}`);
    if (unnamed) {
      console.log(`  The name has no Latin letters to make a file name from; rename the file (it shows in their share link), or use --slug next time.`);
    }
  },
});

export const addCommand = defineCommand({
  meta: { name: 'add', description: 'Add a partner, with a fresh secret kit link' },
  subCommands: { partner: addPartnerCommand },
});

export const addExamples = ['referral-kit add partner "Jane Smith" --category client --email jane@example.com', 'referral-kit add partner "王小明" --slug wang-xiaoming --category colleague'];
