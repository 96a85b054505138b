// The first thing every entry point runs (the `referral-kit` command and the npm scripts): on a
// Node.js too old for Astro 7, vitest 5 and type stripping, one line says what is needed and how
// to get it, instead of a crash on an unknown flag. Plain JavaScript that any Node.js can parse.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  const platformPackage = `node-${process.platform}-${process.arch}`;
  console.error(
    `referral-kit needs Node.js 22.12 or newer (this is ${process.versions.node}): ` +
      'run `nvm install 24`, or get the installer from https://nodejs.org, ' +
      `or without either: \`npm install --prefix ~/.node24 ${platformPackage}@24\` ` +
      `and put ~/.node24/node_modules/${platformPackage}/bin first in your PATH.`,
  );
  process.exit(1);
}
