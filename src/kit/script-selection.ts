/** Which scripts a partner sees, in the order the kit page shows them. */
import type { PartnerCategory } from '../schemas/partner.ts';
import { scriptChannels, type ScriptData } from '../schemas/script.ts';
import { compareText } from './text.ts';

interface Selectable {
  id: string;
  data: ScriptData;
}

/**
 * A script without `categories` is for every partner. A script with `categories` is a variant:
 * for partners of those kinds it replaces the general scripts of its channel.
 */
export function scriptsFor<T extends Selectable>(scripts: readonly T[], category: PartnerCategory): T[] {
  const selected: T[] = [];
  for (const channel of scriptChannels) {
    const ofChannel = scripts.filter((script) => script.data.channel === channel);
    const variants = ofChannel.filter((script) => script.data.categories?.includes(category));
    selected.push(...(variants.length ? variants : ofChannel.filter((script) => !script.data.categories)));
  }
  return selected.sort(
    (a, b) =>
      scriptChannels.indexOf(a.data.channel) - scriptChannels.indexOf(b.data.channel) ||
      a.data.order - b.data.order ||
      compareText(a.id, b.id),
  );
}
