/** `referral-kit links`: every partner's private kit link and public share link. */
import { defineCommand, type ArgsDef } from 'citty';
import { partnerLinks, toCsv, toTable } from '../kit/links.ts';
import { CliError } from './cli-error.ts';
import { contentOption, loadCheckedKit, rejectUnknown } from './options.ts';

const formats = ['table', 'csv', 'json'];

const args = {
  ...contentOption,
  format: { type: 'enum', options: formats, description: 'Output format', default: 'table' },
  json: { type: 'boolean', description: 'Same as --format json' },
} satisfies ArgsDef;

export const linksCommand = defineCommand({
  meta: { name: 'links', description: "List every partner's kit link and share link, to send them out" },
  args,
  async run({ args: parsed }) {
    rejectUnknown(parsed, args);
    const format = parsed.json ? 'json' : parsed.format;
    if (!formats.includes(format)) {
      throw new CliError(`--format must be one of: ${formats.join(', ')}`);
    }
    const content = await loadCheckedKit(parsed.content, 'sending links');
    const rows = partnerLinks(content);
    if (format === 'json') console.log(JSON.stringify(rows, null, 2));
    else if (format === 'csv') process.stdout.write(toCsv(rows));
    else console.log(rows.length ? toTable(rows) : 'No partners yet: add one with `referral-kit add partner "Name"`.');
  },
});

export const linksExamples = ['referral-kit links', 'referral-kit links --format csv > partners.csv   # for a mail merge', 'referral-kit links --json'];
