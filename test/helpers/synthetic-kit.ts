/** Synthetic kits for the benchmark: realistic names in several scripts, 5 scripts, 100 testimonials. */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { partnerCategories } from '../../src/schemas/partner.ts';
import { repoRoot } from './fixtures.ts';

const firstNames = ['Priya', 'Tomás', 'Zoë', 'Jordan', 'Renée', 'Marcus', 'Lena', 'Inês', 'Dana', 'Αλέξανδρος', 'Дмитрий', 'عمر', 'ليلى', 'מאיה', 'प्रिया', '小明', '由紀', '민준', 'Olú', 'Søren'];
const lastNames = [
  'Nair',
  'Herrera',
  'Ångström',
  'Blake',
  'Dubois',
  'Chen',
  'Park',
  'Ferreira',
  'Wu',
  'Παπαδόπουλος',
  'Иванов',
  'حداد',
  'الفاروق',
  'כהן',
  'शर्मा',
  '王',
  '田中',
  '김',
  'Bankole',
  'Kierkegaard',
];

function partnerName(i: number): string {
  return `${firstNames[i % firstNames.length]} ${lastNames[Math.floor(i / firstNames.length) % lastNames.length]}`;
}

/** A kit folder of `partners` partners, 5 scripts and 100 testimonials. */
export function syntheticKit(dir: string, partners: number): void {
  mkdirSync(join(dir, 'partners'), { recursive: true });
  mkdirSync(join(dir, 'scripts'));
  mkdirSync(join(dir, 'testimonials'));
  writeFileSync(join(dir, 'kit.yaml'), readFileSync(join(repoRoot, 'content', 'kit.yaml'), 'utf8').replace(/^#.*\n/gm, ''));
  for (let i = 0; i < partners; i++) {
    const category = partnerCategories[i % partnerCategories.length];
    writeFileSync(
      join(dir, 'partners', `partner-${i}.yaml`),
      // A token may not start with "-" (it would read as an option on a command line).
      `name: "${partnerName(i)}"\ntoken: ${randomBytes(16).toString('base64url').replace(/^-/, 'A')}\ncategory: ${category}\nemail: partner-${i}@example.com\ncompany: Studio ${i}\n`,
    );
  }
  const scripts: [string, string][] = [
    ['one-liner', 'You should talk to {owner.name}: {value.one_liner}'],
    ['email-intro', 'Hi,\n\nMeet {owner.name} of {owner.business}, copied here.\n\nMore: {share_url}\n\n{partner.first_name}'],
    ['phone', 'I know a bookkeeper who only works with creative studios, {owner.name}.'],
    ['text', 'The bookkeeper I mentioned is {owner.name}: {share_url}'],
    ['invite', 'Hi {partner.first_name}, here is your kit: {kit_url}'],
  ];
  for (const [channel, body] of scripts) writeFileSync(join(dir, 'scripts', `${channel}.mdx`), `---\ntitle: ${channel}\nchannel: ${channel}\n---\n${body}\n`);
  for (let i = 0; i < 100; i++) {
    writeFileSync(
      join(dir, 'testimonials', `t-${i}.yaml`),
      `quote: "Working with Maya changed how we run the studio, story number ${i}."\nauthor: "${partnerName(i * 7 + 3)}"\nrole: Founder\ncompany: Studio ${i}\nconsent: true\n`,
    );
  }
}
