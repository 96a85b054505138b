/**
 * JSON Schemas for the YAML files, generated from the Zod schemas so the rules are written once.
 * Editors read them (VS Code's YAML extension, through the `# yaml-language-server: $schema=…`
 * line at the top of each file) to complete field names and flag mistakes while the owner types.
 *
 * The files are committed under schemas/ so an editor finds them without running anything;
 * `npm run schemas` rewrites them, and test/json-schema.test.ts fails when they drift.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from './zod.ts';
import { copyKeyOf, copyTextMeta } from './copy.ts';
import { kitSchema } from './kit.ts';
import { ledgerSchemaFor } from './ledger.ts';
import { partnerSchema } from './partner.ts';
import { testimonialSchema } from './testimonial.ts';

/** Where the published schemas live: schemas/ at the top of the project. */
export const jsonSchemaDir = fileURLToPath(new URL('../../schemas/', import.meta.url));

const yamlFileTypes = {
  kit: { schema: kitSchema, title: 'Referral Kit: kit.yaml', description: 'You, your offer, and where your site lives.' },
  partner: {
    schema: partnerSchema,
    title: 'Referral Kit: a partner (partners/<slug>.yaml)',
    description: 'One referral partner. The file name is their slug, used in their share link.',
  },
  testimonial: {
    schema: testimonialSchema,
    title: 'Referral Kit: a testimonial (testimonials/<id>.yaml)',
    description: 'What a client said; published only with their consent.',
  },
  referrals: {
    // Built here, not at import: the commands that read the ledger build their own, for the kit.
    schema: ledgerSchemaFor(),
    title: 'Referral Kit: your referral ledger (referrals.yaml)',
    description: 'Introductions received and given, and asks. Private: read by referral-kit report, never published.',
  },
} as const;

export type YamlFileType = keyof typeof yamlFileTypes;

export const yamlFileTypeNames = Object.keys(yamlFileTypes) as YamlFileType[];

/** `partner` → /…/schemas/partner.schema.json */
export function jsonSchemaFile(type: YamlFileType): string {
  return join(jsonSchemaDir, `${type}.schema.json`);
}

/**
 * The JSON Schema of one file type, for what the owner writes (`io: 'input'`: defaults make a
 * field optional). Draft 7, the draft every YAML editor extension reads.
 */
export function jsonSchema(type: YamlFileType): Record<string, unknown> {
  const { schema, title, description } = yamlFileTypes[type];
  const { $schema, ...rest } = z.toJSONSchema(schema, {
    io: 'input',
    target: 'draft-7',
    // Each `copy:` override, described with its catalog key's default (src/schemas/copy.ts).
    override: ({ zodSchema, jsonSchema }) => {
      const key = copyKeyOf.get(zodSchema);
      if (key) Object.assign(jsonSchema, copyTextMeta(key));
    },
  });
  return { $schema, title, description, ...rest };
}

export function jsonSchemaText(type: YamlFileType): string {
  return `${JSON.stringify(jsonSchema(type), null, 2)}\n`;
}

/** Rewrites every published schema; returns the files written. */
export async function writeJsonSchemas(): Promise<string[]> {
  const files: string[] = [];
  for (const type of yamlFileTypeNames) {
    const file = jsonSchemaFile(type);
    await writeFile(file, jsonSchemaText(type));
    files.push(file);
  }
  return files;
}
