/**
 * Astro's anonymous telemetry, off for the builds and `referral-kit dev` runs. Astro would
 * otherwise send, from the owner's machine, a usage event with an id made from the project's git
 * remote, and look that remote up with `git` first: a kit of people's names and secret links is
 * the owner's business, and the lookup and the request cost every build about 0.1 s.
 * `npm run preview`, which runs Astro itself, keeps Astro's own setting.
 */
export function turnOffAstroTelemetry(): void {
  process.env.ASTRO_TELEMETRY_DISABLED = '1';
}
