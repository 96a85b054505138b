/**
 * The build benchmark: `npm run bench` (`-- --huge` adds 10,000 partners; `-- --partners 20,50`
 * picks other sizes for a quick run). It prints figures
 * and is not a test: speed depends on the machine, correctness is tested in test/cache.test.ts.
 *
 * For kits of 100 and 1,000 partners (realistic names in several scripts, 5 scripts, 100
 * testimonials), it measures in one run:
 *   baseline  images rendered one by one in the build's thread, no cache
 *   cold      worker pool, empty cache
 *   warm      rebuild after editing one partner's file
 * and prints wall time, images rendered, ms per image, peak memory, page generation per page,
 * and the ratios baseline/cold and cold/warm.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ImageCache } from '../src/images/cache.ts';
import { imageEnvironment } from '../src/integration/build-stats.ts';
import { partnerCategories } from '../src/schemas/partner.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const huge = process.argv.includes('--huge');
/** `--partners 20,50` picks other kit sizes, for a quick run. */
const chosen = process.argv[process.argv.indexOf('--partners') + 1];
const sizes = process.argv.includes('--partners') && chosen ? chosen.split(',').map(Number) : huge ? [100, 1_000, 10_000] : [100, 1_000];

const firstNames = ['Priya', 'Tomás', 'Zoë', 'Jordan', 'Renée', 'Marcus', 'Lena', 'Inês', 'Dana', 'Αλέξανδρος', 'Дмитрий', 'عمر', 'ليلى', 'מאיה', 'प्रिया', '小明', '由紀', '민준', 'Olú', 'Søren'];
const lastNames = ['Nair', 'Herrera', 'Ångström', 'Blake', 'Dubois', 'Chen', 'Park', 'Ferreira', 'Wu', 'Παπαδόπουλος', 'Иванов', 'حداد', 'الفاروق', 'כהן', 'शर्मा', '王', '田中', '김', 'Bankole', 'Kierkegaard'];

function partnerName(i: number): string {
  return `${firstNames[i % firstNames.length]} ${lastNames[Math.floor(i / firstNames.length) % lastNames.length]}`;
}

/** A kit folder of `partners` partners, 5 scripts and 100 testimonials. */
function syntheticKit(dir: string, partners: number): void {
  mkdirSync(join(dir, 'partners'), { recursive: true });
  mkdirSync(join(dir, 'scripts'));
  mkdirSync(join(dir, 'testimonials'));
  writeFileSync(
    join(dir, 'kit.yaml'),
    readFileSync(join(root, 'content', 'kit.yaml'), 'utf8').replace(/^#.*\n/gm, ''),
  );
  for (let i = 0; i < partners; i++) {
    const category = partnerCategories[i % partnerCategories.length];
    writeFileSync(
      join(dir, 'partners', `partner-${i}.yaml`),
      `name: "${partnerName(i)}"\ntoken: ${randomBytes(16).toString('base64url')}\ncategory: ${category}\nemail: partner-${i}@example.com\ncompany: Studio ${i}\n`,
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

interface Run {
  seconds: number;
  rendered: number;
  total: number;
  pages: number;
  pageSeconds: number;
  rssMb: number;
}

/** One build in a child process, so its peak memory is its own. */
function build(content: string, out: string, environment: Record<string, string>): Run {
  const rss = join(mkdtempSync(join(tmpdir(), 'rk-rss-')), 'rss');
  // Writes the child's peak memory when it exits; worker threads count, they share the process.
  const hook = `data:text/javascript,${encodeURIComponent(
    `import { writeFileSync } from 'node:fs'; process.on('exit', () => writeFileSync(${JSON.stringify(rss)}, String(process.resourceUsage().maxRSS)));`,
  )}`;
  const started = performance.now();
  const child = spawnSync(process.execPath, ['--import', hook, join(root, 'bin', 'referral-kit.js'), 'build', '--content', content, '--out', out, '--json'], {
    env: { ...process.env, ...environment },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = (performance.now() - started) / 1000;
  if (child.status !== 0) throw new Error(`build failed:\n${child.stderr}`);
  const result = JSON.parse(child.stdout) as { pages: number; stats: { pageSeconds: number; images: { rendered: number; total: number } } };
  return {
    seconds,
    rendered: result.stats.images.rendered,
    total: result.stats.images.total,
    pages: result.pages,
    pageSeconds: result.stats.pageSeconds,
    rssMb: Number(readFileSync(rss, 'utf8')) / 1024,
  };
}

function row(kit: string, name: string, run: Run): string {
  const perImage = run.rendered ? `${((run.seconds * 1000) / run.rendered).toFixed(0)}` : '–';
  const cells = [kit, name, `${run.seconds.toFixed(1)} s`, `${run.rendered}/${run.total}`, perImage, `${run.rssMb.toFixed(0)} MB`, String(run.pages), ((run.pageSeconds * 1000) / run.pages).toFixed(2)];
  const widths = [9, 9, 10, 13, 9, 10, 7, 8];
  return cells.map((cell, i) => cell.padEnd(widths[i]!)).join('');
}

const work = mkdtempSync(join(tmpdir(), 'referral-kit-bench-'));
console.log(`Referral Kit build benchmark · ${new Date().toISOString().slice(0, 10)} · ${cpus()[0]?.model.trim()} · ${availableParallelism()} cores · Node ${process.version}`);
console.log(`(ms/image: wall time per rendered image; ms/page: page generation per page)\n`);
console.log(['partners', 'run', 'wall', 'rendered', 'ms/image', 'peak RSS', 'pages', 'ms/page'].map((h, i) => h.padEnd([9, 9, 10, 13, 9, 10, 7, 8][i]!)).join(''));
const perPartner: Record<number, number> = {};
try {
  for (const size of sizes) {
    const content = join(work, `kit-${size}`, 'content');
    syntheticKit(content, size);
    const out = join(work, `kit-${size}`, 'dist');
    // The 10,000 run skips the baseline: it would take hours, and the target there is memory and growth.
    const baseline = size <= 1_000 ? build(content, out, { [imageEnvironment.threads]: '0', [imageEnvironment.cache]: 'off' }) : undefined;
    if (baseline) console.log(row(String(size), 'baseline', baseline));
    rmSync(new ImageCache(root, content).dir, { recursive: true, force: true });
    const cold = build(content, out, {});
    console.log(row(String(size), 'cold', cold));
    const edited = join(content, 'partners', 'partner-1.yaml');
    writeFileSync(edited, readFileSync(edited, 'utf8').replace(/^name: .*$/m, 'name: "Edited Partner"'));
    const warm = build(content, out, {});
    console.log(row(String(size), 'warm', warm));
    perPartner[size] = cold.seconds / size;
    const ratios = [baseline ? `baseline/cold ${(baseline.seconds / cold.seconds).toFixed(2)}×` : '', `cold/warm ${(cold.seconds / warm.seconds).toFixed(2)}×`].filter(Boolean);
    console.log(`${''.padEnd(9)}${ratios.join(', ')}\n`);
    rmSync(new ImageCache(root, content).dir, { recursive: true, force: true });
  }
  if (perPartner[10_000] && perPartner[1_000]) {
    console.log(`cold time per partner, 10,000 vs 1,000: ${(perPartner[10_000] / perPartner[1_000]).toFixed(2)}×`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
