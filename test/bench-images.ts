/**
 * The image benchmark: `npm run bench -- --images` (`--samples 41` for more). For each template
 * and size it draws images of a synthetic kit one at a time, in this process, and prints the median
 * milliseconds of each stage of our pipeline:
 *   template  laying out and shaping the text (src/images/templates/), QR code, photo
 *   satori    satori's layout to SVG, with the drawings put in place (render.ts templateSvg)
 *   resvg     drawing the SVG as pixels (render.ts rasterise)
 *   png       encoding the pixels (png.ts)
 * and of Takumi (@takumi-rs/core, a Rust renderer; test/takumi-reference.ts) drawing the same
 * layout with the same fonts, QR code and photo, PNG included, and the ratio of the two.
 *
 * Each sample draws a different partner's image (another name, like a real kit), ours and
 * Takumi's back to back, in alternating order, so a slow spell of this shared machine slows both
 * alike. The spread columns are the interquartile range of the totals: how noisy the run was.
 * CPU ms counts every thread of the process (Takumi may draw on more than one).
 *
 * `--png` adds a table of PNG encoders on the pixels of one image of each row: ours as chosen,
 * and the alternatives (palette or RGBA, zlib levels and strategies, resvg's own asPng()),
 * median CPU ms and size.
 */
import { cpuUsage } from 'node:process';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { rasterise, templateSvg } from '../src/images/render.ts';
import { constants } from 'node:zlib';
import { Resvg } from '@resvg/resvg-js';
import { encodePng, type PngOptions } from '../src/images/png.ts';
import { cardTemplate, imageFormats, testimonialTemplate, type CardInput, type ImageFormat, type OwnerInput, type Template, type TestimonialInput } from '../src/images/templates.ts';
import type { Node } from '@takumi-rs/core';
import { takumiCard, takumiRenderer, takumiTestimonial } from './takumi-reference.ts';

const photo = fileURLToPath(new URL('./fixtures/basic/photos/pat-lee.png', import.meta.url));
const at = process.argv.indexOf('--samples');
const samples = at >= 0 ? Number(process.argv[at + 1]) : 31;
if (!Number.isInteger(samples) || samples < 3 || samples > 1_000) {
  console.error('usage: npm run bench -- --images [--samples 31]');
  process.exit(2);
}
/** Samples drawn first and not counted: the first images load fonts and warm the JIT. */
const warmUp = 3;

const owner: OwnerInput = { name: 'Maya Okafor', business: 'Ledger & Line', accent: '#2f5d50' };
const firstNames = ['Priya', 'Jonas', 'Amara', 'Luis', 'Mei', 'Oskar', 'Fatima', 'Noah', 'Ingrid', 'Kwame', 'Sofia', 'Henrik'];
const lastNames = ['Nair', 'Becker', 'Okonkwo', 'García', 'Tanaka', 'Lindqvist', 'Haddad', 'Walsh', 'Moreau', 'Mensah'];
const partner = (n: number) => `${firstNames[n % firstNames.length]} ${lastNames[Math.floor(n / firstNames.length) % lastNames.length]}`;
const slug = (name: string) =>
  name
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z ]/g, '')
    .replace(/ /g, '-');
const oneLiner = 'Maya keeps the books for creative studios, so their founders stop dreading tax season and can see which projects actually make money.';
const quotes = [
  'Maya gave us our Sundays back. For the first time I know which of our projects actually make money.',
  'We used to dread April. Now our books close on the fifth of every month and I sleep fine.',
  'She found three clients who had never paid us, in her first week. Worth every penny.',
];

interface Case {
  name: string;
  format: ImageFormat;
  ours: (n: number) => Template;
  takumi: (n: number) => Node;
}

const card = (n: number): CardInput => {
  const name = partner(n);
  return { partnerName: name, oneLiner, ownerFirstName: 'Maya', shareUrl: `https://ledgerandline.example/for/${slug(name)}/`, owner };
};
const testimonial = (n: number): TestimonialInput => ({ quote: quotes[n % quotes.length]!, author: partner(n), role: 'Founder', company: 'Lee Design', photo, owner });

const formats = Object.keys(imageFormats) as ImageFormat[];
const cases: Case[] = [
  ...formats.map((format) => ({ name: 'card', format, ours: (n: number) => cardTemplate(card(n), format), takumi: (n: number) => takumiCard(card(n), format) })),
  ...formats.map((format) => ({ name: 'testimonial', format, ours: (n: number) => testimonialTemplate(testimonial(n), format), takumi: (n: number) => takumiTestimonial(testimonial(n), format) })),
];

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const quartiles = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return [sorted[Math.floor((sorted.length - 1) / 4)]!, sorted[Math.ceil(((sorted.length - 1) * 3) / 4)]!] as const;
};
const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = cpuUsage(since);
  return (used.user + used.system) / 1000;
};

interface OurSample {
  template: number;
  satori: number;
  resvg: number;
  png: number;
  total: number;
  cpu: number;
  bytes: number;
}

async function ours(make: () => Template): Promise<OurSample> {
  const cpu = cpuUsage();
  const t0 = performance.now();
  const template = make();
  const t1 = performance.now();
  const svg = await templateSvg(template);
  const t2 = performance.now();
  const image = rasterise(svg);
  const t3 = performance.now();
  const png = encodePng(image.pixels, image.width, image.height);
  const t4 = performance.now();
  return { template: t1 - t0, satori: t2 - t1, resvg: t3 - t2, png: t4 - t3, total: t4 - t0, cpu: cpuMs(cpu), bytes: png.length };
}

const renderer = await takumiRenderer();
async function takumi(make: () => Node, format: ImageFormat): Promise<{ total: number; cpu: number; bytes: number }> {
  const cpu = cpuUsage();
  const started = performance.now();
  const png = await renderer.render(make(), { ...imageFormats[format], format: 'png' });
  return { total: performance.now() - started, cpu: cpuMs(cpu), bytes: png.length };
}

console.log(`Referral Kit image benchmark · ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · ${cpus()[0]?.model.trim()} · ${availableParallelism()} cores · Node ${process.version}`);
console.log(
  `${samples} images per row (after ${warmUp} not counted), ours and Takumi's alternating; medians in ms; load average at the start ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}\n`,
);
const widths = [22, 9, 7, 7, 6, 7, 13, 6, 8, 14, 6, 7, 10, 7];
const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('');
console.log(line(['image', 'template', 'satori', 'resvg', 'png', 'ours', 'ours spread', 'CPU', 'Takumi', 'Takumi spread', 'CPU', 'ratio', 'CPU ratio', 'KB/KB']));
let n = 0;
for (const { name, format, ours: make, takumi: makeTakumi } of cases) {
  const mine: OurSample[] = [];
  const theirs: { total: number; cpu: number; bytes: number }[] = [];
  for (let i = 0; i < warmUp + samples; i++, n++) {
    const k = n;
    let a: OurSample;
    let b: Awaited<ReturnType<typeof takumi>>;
    if (i % 2) {
      b = await takumi(() => makeTakumi(k), format);
      a = await ours(() => make(k));
    } else {
      a = await ours(() => make(k));
      b = await takumi(() => makeTakumi(k), format);
    }
    if (i < warmUp) continue;
    mine.push(a);
    theirs.push(b);
  }
  const stage = (key: keyof OurSample) => median(mine.map((s) => s[key])).toFixed(1);
  const [q1, q3] = quartiles(mine.map((s) => s.total));
  const [t1, t3] = quartiles(theirs.map((s) => s.total));
  const oursTotal = median(mine.map((s) => s.total));
  const theirsTotal = median(theirs.map((s) => s.total));
  console.log(
    line([
      `${name} ${format}`,
      stage('template'),
      stage('satori'),
      stage('resvg'),
      stage('png'),
      oursTotal.toFixed(1),
      `${q1.toFixed(1)}–${q3.toFixed(1)}`,
      stage('cpu'),
      theirsTotal.toFixed(1),
      `${t1.toFixed(1)}–${t3.toFixed(1)}`,
      median(theirs.map((s) => s.cpu)).toFixed(1),
      `${(oursTotal / theirsTotal).toFixed(2)}×`,
      `${(median(mine.map((s) => s.cpu)) / median(theirs.map((s) => s.cpu))).toFixed(2)}×`,
      `${(median(mine.map((s) => s.bytes)) / 1024).toFixed(0)}/${(median(theirs.map((s) => s.bytes)) / 1024).toFixed(0)}`,
    ]),
  );
}
console.log(
  `\nratio: our median total over Takumi's (goal: at most 2×); CPU ratio: the same for CPU time, which other\nprocesses on a busy machine disturb less than wall time; KB/KB: PNG sizes, ours/Takumi's; load average at the end ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);

if (process.argv.includes('--png')) {
  const encoders: [string, PngOptions][] = [
    ['palette, zlib RLE (ours)', {}],
    ['palette, zlib level 1', { paletteDeflate: { level: 1 } }],
    ['palette, zlib level 3', { paletteDeflate: { level: 3 } }],
    ['palette, zlib level 6', { paletteDeflate: { level: 6 } }],
    ['RGBA, zlib level 1', { palette: false, rgbaDeflate: { level: 1 } }],
    ['RGBA, zlib level 3 (before)', { palette: false }],
    ['RGBA, zlib level 6', { palette: false, rgbaDeflate: { level: 6 } }],
    ['RGBA, zlib RLE', { palette: false, rgbaDeflate: { strategy: constants.Z_RLE } }],
    ['RGBA, zlib filtered, 3', { palette: false, rgbaDeflate: { level: 3, strategy: constants.Z_FILTERED } }],
  ];
  console.log(`\nPNG encoders, median CPU ms of ${samples} and size (palette rows fall back to RGBA past 256 colours)`);
  const columns = cases.map((c) => `${c.name} ${c.format}`);
  console.log(['encoder'.padEnd(30), ...columns.map((c) => c.padEnd(24))].join(''));
  const images = await Promise.all(cases.map(async (c) => ({ svg: await templateSvg(c.ours(0)), ...rasterise(await templateSvg(c.ours(0))) })));
  const cell = (ms: number[], bytes: number) => `${median(ms).toFixed(1)} ms ${(bytes / 1024).toFixed(0)} KB`.padEnd(24);
  const rows: string[] = [];
  for (const [name, options] of encoders) {
    const cells = images.map(({ pixels, width, height }) => {
      const ms: number[] = [];
      let bytes = 0;
      for (let i = 0; i < samples; i++) {
        const cpu = cpuUsage();
        bytes = encodePng(pixels, width, height, options).length;
        ms.push(cpuMs(cpu));
      }
      return cell(ms, bytes);
    });
    rows.push([name.padEnd(30), ...cells].join(''));
  }
  const resvgCells = images.map(({ svg }) => {
    const image = new Resvg(svg, { font: { loadSystemFonts: false } }).render();
    const ms: number[] = [];
    let bytes = 0;
    for (let i = 0; i < Math.min(samples, 11); i++) {
      const cpu = cpuUsage();
      bytes = image.asPng().length;
      ms.push(cpuMs(cpu));
    }
    return cell(ms, bytes);
  });
  rows.push(['resvg asPng()'.padEnd(30), ...resvgCells].join(''));
  for (const row of rows) console.log(row);
}
