/** `referral-kit preview <slug>`: what one partner's kit will say, in the terminal, without building. */
import { defineCommand, type ArgsDef } from 'citty';
import { formatPreview, partnerPreview } from '../kit/preview.ts';
import { CliError } from './cli-error.ts';
import { contentOption, loadCheckedKit, rejectUnknown, unknownPartnerMessage } from './options.ts';

const args = {
  slug: { type: 'positional', description: 'The partner (their file name in partners/, like jane-smith)', required: true, valueHint: 'slug' },
  ...contentOption,
  json: { type: 'boolean', description: 'Print the preview as JSON, for other tools' },
} satisfies ArgsDef;

export const previewCommand = defineCommand({
  meta: { name: 'preview', description: "Show what one partner's kit will say, filled in, and why each script was chosen" },
  args,
  async run({ args: parsed }) {
    rejectUnknown(parsed, args);
    const content = await loadCheckedKit(parsed.content, 'previewing a kit');
    const partner = content.partners.find((candidate) => candidate.slug === parsed.slug);
    if (!partner) {
      throw new CliError(
        unknownPartnerMessage(
          parsed.slug,
          content.partners.map((candidate) => candidate.slug),
        ),
      );
    }
    const preview = await partnerPreview(content, partner);
    console.log(parsed.json ? JSON.stringify(preview, null, 2) : formatPreview(preview).trimEnd());
  },
});

export const previewExamples = ['referral-kit preview jane-smith', 'referral-kit preview jane-smith --json'];
