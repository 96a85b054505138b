/**
 * The report as one self-contained HTML page to open from disk: inline CSS, SVG charts drawn
 * here, no script, nothing loaded from anywhere (a Content-Security-Policy says so to the
 * browser too). Every value from the ledger or the kit is escaped; colours are generated hex.
 */
import { accentPalette } from '../kit/accent.ts';
import { escapeHtml, plural } from '../kit/text.ts';
import { mailSentences } from '../mail/default-messages.ts';
import { numberFormat, type NumberFormat } from './format.ts';
import { daysAgo, giveBackAfter, giveBackWindowDays, reeducateAfter, type Action, type CategorySource, type FollowUpReport, type MonthCount, type SourceStats } from './report.ts';

export interface HtmlReportOptions {
  owner: string;
  business: string;
  language: string;
  accent: string;
  hasLedger: boolean;
  /** `currency` from kit.yaml, for the values won. */
  currency?: string | undefined;
  /** Per to-do, in order: a mailto link that opens its message, filled in, in the owner's mail app. */
  writeLinks?: readonly (string | undefined)[] | undefined;
  /** Per to-do, in order: the command that drafts its message. */
  draftCommands?: readonly (string | undefined)[] | undefined;
}

const actionLabels: Record<Action, string> = {
  contact: 'Contact',
  'share-outcome': 'Tell outcome',
  thank: 'Thank',
  'give-back': 'Give back',
  're-educate': 'Re-educate',
  ask: 'Ask again',
  'ask-testimonial': 'Ask for a testimonial',
};

/** Colours of a referral's fate in the charts: won in the owner's colour, the rest muted. */
function palette(accent: string) {
  const { accent: base, accentInk } = accentPalette(accent);
  return { won: base, ink: accentInk, open: `color-mix(in srgb, ${base} 28%, #ffffff)`, notFit: '#d9822b', lost: '#a8a39a' };
}

const chartWidth = 640;
const labelWidth = 168;
const rowHeight = 30;
const barHeight = 16;

function svg(height: number, label: string, body: string, width = chartWidth, className = ''): string {
  return `<div class="chart-scroll${className ? ` ${className}` : ''}"><svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(label)}"><title>${escapeHtml(label)}</title>${body}</svg></div>`;
}

/** Width of the months chart drawn for phones: about the screen's width, so its text stays legible. */
const narrowChartWidth = 340;
/** Months the phone's chart shows: the latest, which matter most, without scrolling. */
const narrowMonths = 6;

function text(x: number, y: number, content: string, attributes = ''): string {
  return `<text x="${x}" y="${y}" ${attributes}>${escapeHtml(content)}</text>`;
}

/** Horizontal stacked bars: each category's introductions by how they ended. */
function outcomesChart(categories: readonly CategorySource[], colours: ReturnType<typeof palette>, format: NumberFormat): string {
  const max = Math.max(1, ...categories.map((c) => c.received));
  const plot = chartWidth - labelWidth - 56;
  const top = 8;
  const rows = categories.map((category, i) => {
    const y = top + i * rowHeight;
    let x = labelWidth;
    const segments = [
      { value: category.won, fill: colours.won, name: 'won' },
      { value: category.open, fill: colours.open, name: 'open' },
      { value: category.not_a_fit, fill: colours.notFit, name: 'not a fit' },
      { value: category.lost + category.unreachable, fill: colours.lost, name: 'lost or unreachable' },
    ]
      .filter((segment) => segment.value > 0)
      .map((segment) => {
        const width = (segment.value / max) * plot;
        const rect = `<rect x="${x.toFixed(1)}" y="${y}" width="${width.toFixed(1)}" height="${barHeight}" fill="${segment.fill}"><title>${escapeHtml(`${category.category}: ${segment.value} ${segment.name}`)}</title></rect>`;
        x += width;
        return rect;
      })
      .join('');
    const empty = category.received ? '' : `<rect x="${labelWidth}" y="${y}" width="2" height="${barHeight}" fill="${colours.lost}"/>`;
    return [
      text(labelWidth - 10, y + 12.5, category.category, 'text-anchor="end" class="label"'),
      segments || empty,
      text(x + 8, y + 12.5, format.number(category.received), 'class="value"'),
    ].join('');
  });
  const height = top + categories.length * rowHeight;
  return svg(height, 'Introductions received per category, by outcome', rows.join(''));
}

/**
 * Horizontal bars of the share of decided introductions that were won, per category with any
 * decided; the others are named under the chart.
 */
function winRateChart(categories: readonly CategorySource[], colours: ReturnType<typeof palette>, format: NumberFormat): string {
  const decided = categories.filter((category) => category.win_rate !== null);
  const undecided = categories.filter((category) => category.win_rate === null).map((category) => category.category);
  const note = undecided.length ? `<p class="chart-note">No outcomes yet: ${escapeHtml(undecided.join(', '))}.</p>` : '';
  if (!decided.length) return note;
  const plot = chartWidth - labelWidth - 120;
  const top = 22;
  const bottom = top + decided.length * rowHeight - 8;
  const grid = [0, 0.25, 0.5, 0.75, 1]
    .map((tick) => {
      const x = labelWidth + tick * plot;
      return `<line x1="${x}" x2="${x}" y1="${top - 6}" y2="${bottom}" class="grid"/>${text(x, 12, format.percent(tick), 'text-anchor="middle" class="tick"')}`;
    })
    .join('');
  const rows = decided.map((category, i) => {
    const y = top + i * rowHeight;
    const rate = category.win_rate!;
    return [
      text(labelWidth - 10, y + 12.5, category.category, 'text-anchor="end" class="label"'),
      `<rect x="${labelWidth}" y="${y}" width="${plot}" height="${barHeight}" class="track"/>`,
      rate > 0 ? `<rect x="${labelWidth}" y="${y}" width="${(rate * plot).toFixed(1)}" height="${barHeight}" fill="${colours.won}"/>` : '',
      text(labelWidth + plot + 10, y + 12.5, `${format.percent(rate)} (${category.won} of ${category.received - category.open})`, 'class="value"'),
    ].join('');
  });
  return svg(top + decided.length * rowHeight, 'Win rate per category: won out of decided introductions', grid + rows.join('')) + note;
}

/**
 * Columns of introductions received per month, won ones in the owner's colour: twelve months on
 * a wide screen, the latest six on a phone (a scrolled chart would open on the oldest).
 */
function monthsChart(all: readonly MonthCount[], colours: ReturnType<typeof palette>, locale: string, narrow = false): string {
  const months = narrow ? all.slice(-narrowMonths) : all;
  const width = narrow ? narrowChartWidth : chartWidth;
  const height = 180;
  const bottom = height - 26;
  const top = 16;
  const max = Math.max(1, ...all.map((m) => m.received));
  const slot = (width - 20) / months.length;
  const bar = Math.min(30, slot * 0.6);
  let monthName: (month: string) => string;
  try {
    const formatter = new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' });
    monthName = (month) => formatter.format(new Date(`${month}-01T00:00:00Z`));
  } catch {
    monthName = (month) => month.slice(5);
  }
  const columns = months.map((month, i) => {
    const x = 10 + i * slot + (slot - bar) / 2;
    const scale = (n: number) => (n / max) * (bottom - top);
    const all = scale(month.received);
    const won = scale(month.won);
    return [
      month.received ? `<rect x="${x.toFixed(1)}" y="${(bottom - all).toFixed(1)}" width="${bar.toFixed(1)}" height="${all.toFixed(1)}" fill="${colours.open}"><title>${escapeHtml(`${month.month}: ${month.received} received, ${month.won} won`)}</title></rect>` : '',
      month.won ? `<rect x="${x.toFixed(1)}" y="${(bottom - won).toFixed(1)}" width="${bar.toFixed(1)}" height="${won.toFixed(1)}" fill="${colours.won}"/>` : '',
      month.received ? text(x + bar / 2, bottom - all - 5, String(month.received), 'text-anchor="middle" class="value"') : '',
      text(x + bar / 2, height - 8, monthName(month.month), 'text-anchor="middle" class="tick"'),
    ].join('');
  });
  const axis = `<line x1="10" x2="${width - 10}" y1="${bottom}" y2="${bottom}" class="axis"/>`;
  const label = `Introductions received per month over the last ${narrow ? 'six' : 'twelve'} months, won ones highlighted`;
  return svg(height, label, axis + columns.join(''), width, narrow ? 'months-narrow' : 'months-wide');
}

function legend(entries: [string, string][]): string {
  return `<ul class="legend">${entries.map(([name, colour]) => `<li><span class="swatch" style="background:${colour}"></span>${escapeHtml(name)}</li>`).join('')}</ul>`;
}

function statCells(stats: SourceStats, format: NumberFormat): string {
  const cells = [
    format.number(stats.received),
    format.number(stats.open),
    format.number(stats.won),
    format.percent(stats.win_rate),
    format.percent(stats.not_a_fit_rate),
    format.money(stats.value_won),
    stats.days_since_last_introduction === null ? 'never' : daysAgo(stats.days_since_last_introduction),
    format.number(stats.given),
  ];
  return cells.map((cell) => `<td class="num">${escapeHtml(cell)}</td>`).join('');
}

const statHeaders = ['Received', 'Open', 'Won', 'Win rate', 'Not a fit', 'Value won', 'Last introduction', 'Given back'];

function sourcesTable(caption: string, first: string, rows: { head: string; sub?: string; stats: SourceStats }[], format: NumberFormat): string {
  const header = `<tr><th scope="col">${escapeHtml(first)}</th>${statHeaders.map((h) => `<th scope="col" class="num">${escapeHtml(h)}</th>`).join('')}</tr>`;
  const body = rows
    .map(({ head, sub, stats }) => `<tr><th scope="row">${escapeHtml(head)}${sub ? `<span class="sub">${escapeHtml(sub)}</span>` : ''}</th>${statCells(stats, format)}</tr>`)
    .join('');
  return `<div class="table-scroll"><table><caption>${escapeHtml(caption)}</caption><thead>${header}</thead><tbody>${body}</tbody></table></div>`;
}

export function renderHtmlReport(report: FollowUpReport, options: HtmlReportOptions): string {
  const format = numberFormat(options.language, options.currency);
  const colours = palette(options.accent);
  const { accent, onAccent, accentInk } = accentPalette(options.accent);
  const { partners, categories, total } = report.sources;
  const lastYear = report.months.reduce((sum, month) => sum + month.received, 0);

  const todo = report.todo.length
    ? `<ol class="todo">${report.todo
        .map((item, i) => {
          const write = options.writeLinks?.[i];
          const command = options.draftCommands?.[i];
          const actions = write
            ? `<span class="write-it"><a class="write" href="${escapeHtml(write)}">${escapeHtml(mailSentences.writeIt)}</a>${command ? ` <code class="command">${escapeHtml(command)}</code>` : ''}</span>`
            : '';
          return `<li class="todo-item" data-action="${item.action}"><span class="tag">${escapeHtml(actionLabels[item.action])}</span><div><strong>${escapeHtml(item.title)}</strong><span class="why">${escapeHtml(item.why)}</span>${item.link ? `<code class="link">${escapeHtml(item.link)}</code>` : ''}${actions}</div></li>`;
        })
        .join('')}</ol>`
    : '<p class="empty">Nothing to do today: every introduction is followed up.</p>';

  const start = options.hasLedger
    ? ''
    : '<p class="notice">No <code>referrals.yaml</code> yet. Record an introduction when one comes in: <code>referral-kit log intro --from &lt;partner&gt; --prospect "&lt;name&gt;"</code></p>';

  const tiles = [
    ['To do today', format.number(report.todo.length), ''],
    ['Introductions, last 12 months', format.number(lastYear), ''],
    ['Won', format.number(total.won), total.win_rate === null ? '' : `${format.percent(total.win_rate)} of decided`],
    ['Value won', format.money(total.value_won), ''],
  ]
    .map(([label, value, note]) => `<div class="tile"><dt>${escapeHtml(label!)}</dt><dd>${escapeHtml(value!)}${note ? `<small>${escapeHtml(note)}</small>` : ''}</dd></div>`)
    .join('');

  const sources = partners.length
    ? `<section id="sources">
<h2>Where good introductions come from</h2>
<figure><figcaption>Introductions by kind of partner</figcaption>
${legend([['won', colours.won], ['open', colours.open], ['not a fit', colours.notFit], ['lost or unreachable', colours.lost]])}
${outcomesChart(categories, colours, format)}</figure>
<figure><figcaption>Win rate by kind of partner <span class="sub">won, out of introductions that are decided</span></figcaption>
${winRateChart(categories, colours, format)}</figure>
<figure><figcaption>Introductions per month</figcaption>
${legend([['received', colours.open], ['won', colours.won]])}
${monthsChart(report.months, colours, options.language)}${monthsChart(report.months, colours, options.language, true)}</figure>
${sourcesTable('By partner', 'Partner', partners.map((p) => ({ head: p.name, sub: p.category, stats: p })), format)}
${sourcesTable('By kind of partner', 'Kind', categories.map((c) => ({ head: c.category, sub: plural(c.partners, 'partner'), stats: c })), format)}
</section>`
    : '';

  return `<!doctype html>
<html lang="${escapeHtml(options.language)}" style="--accent:${accent};--on-accent:${onAccent};--accent-ink:${accentInk};--open:${colours.open};--not-fit:${colours.notFit};--lost:${colours.lost}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>Referral follow-up, ${escapeHtml(report.today)}: ${escapeHtml(options.owner)}</title>
<style>${css}</style>
</head>
<body>
<header class="wrap">
<p class="eyebrow">Private: ${escapeHtml(options.business)}</p>
<h1>Referral follow-up</h1>
<p class="lede">${escapeHtml(options.owner)}, ${escapeHtml(report.today)}. Made on your computer from <code>referrals.yaml</code>; keep it there, it names your prospects.</p>
<dl class="tiles">${tiles}</dl>
</header>
<main class="wrap">
${start}
<section id="todo">
<h2>To do today</h2>
${todo}
</section>
${sources}
</main>
<footer class="wrap">
<p>Contact new prospects within ${plural(report.settings.contact_within_days, 'day')}, ask partners again every ${plural(report.settings.ask_again_after_days, 'day')}: <code>follow_up</code> in <code>kit.yaml</code> sets both. Give back to a partner after ${giveBackAfter} introductions in ${giveBackWindowDays} days; re-educate one when most of ${reeducateAfter} or more referrals were not a fit.</p>
<p>Win and not-a-fit rates count decided introductions only (won, lost, not a fit, unreachable).</p>
</footer>
</body>
</html>
`;
}

const css = `
:root{--paper:#fbfaf7;--card:#fff;--ink:#1d1d1b;--muted:#5c5a55;--line:#e4e1da;--radius:12px;--sans:system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue','Noto Sans',Arial,sans-serif;--serif:'Iowan Old Style','Palatino Linotype',Palatino,'Book Antiqua',Georgia,'Noto Serif',serif;color-scheme:light}
*,*::before,*::after{box-sizing:border-box}
body{margin:0;background:var(--paper);color:var(--ink);font:1rem/1.55 var(--sans);overflow-wrap:anywhere;border-top:5px solid var(--accent)}
.wrap{max-width:60rem;margin-inline:auto;padding-inline:1.25rem}
header.wrap{padding-block:2rem 0.5rem}
h1,h2{font-family:var(--serif);font-weight:600;line-height:1.2;margin:0 0 .75rem}
h1{font-size:clamp(1.9rem,1.4rem + 2vw,2.6rem)}
h2{font-size:1.45rem}
code{font-size:.9em;background:color-mix(in srgb,var(--accent) 8%,var(--paper));padding:.05em .3em;border-radius:4px}
.eyebrow{font-size:.8125rem;font-weight:700;letter-spacing:.08em;text-transform:uppercase;color:var(--accent-ink);margin:0 0 .25rem}
.lede{color:var(--muted);margin:0 0 1.5rem}
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(9.5rem,1fr));gap:.75rem;margin:0}
.tile{background:var(--card);border:1px solid var(--line);border-radius:var(--radius);padding:.8rem 1rem}
.tile dt{font-size:.8125rem;color:var(--muted)}
.tile dd{margin:0;font:600 1.9rem/1.2 var(--serif)}
.tile small{display:block;font:400 .8125rem/1.3 var(--sans);color:var(--muted)}
main section{padding-block:1.75rem;border-top:1px solid var(--line)}
main section:first-child{border-top:0}
.notice{background:var(--card);border:1px dashed var(--line);border-radius:var(--radius);padding:.8rem 1rem;margin-top:1.5rem}
.todo{list-style:none;margin:0;padding:0;counter-reset:todo}
.todo-item{display:flex;gap:.9rem;align-items:flex-start;background:var(--card);border:1px solid var(--line);border-radius:var(--radius);padding:.7rem 1rem;margin:0 0 .5rem}
.todo-item strong{display:block}
.todo-item .why{display:block;color:var(--muted);font-size:.9375rem}
.todo-item .why::first-letter{text-transform:uppercase}
.chart-note{margin:.5rem 0 0;font-size:.8125rem;color:var(--muted)}
.todo-item .link{display:inline-block;margin-top:.25rem;font-size:.8125rem}
.write-it{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin-top:.4rem}
.write{display:inline-block;padding:.2rem .7rem;border-radius:999px;background:var(--accent);color:var(--on-accent);font-weight:600;text-decoration:none;font-size:.875rem}
.write:focus-visible{outline:3px solid var(--accent-ink);outline-offset:2px}
.write-it .command{font-size:.75rem;color:var(--muted);overflow-wrap:anywhere}
.tag{flex:none;width:7.5rem;text-align:center;font-size:.75rem;font-weight:700;letter-spacing:.04em;text-transform:uppercase;border-radius:999px;padding:.2rem .5rem;margin-top:.1rem;background:var(--line);color:var(--ink)}
[data-action=contact] .tag{background:var(--accent);color:var(--on-accent)}
[data-action=share-outcome] .tag,[data-action=thank] .tag{background:color-mix(in srgb,var(--accent) 18%,#fff);color:var(--accent-ink)}
[data-action=re-educate] .tag{background:color-mix(in srgb,var(--not-fit) 22%,#fff);color:#7a4510}
.empty{color:var(--muted)}
figure{margin:0 0 2rem;background:var(--card);border:1px solid var(--line);border-radius:var(--radius);padding:1rem 1.1rem .75rem}
figcaption{font-weight:700;margin-bottom:.5rem}
figcaption .sub,.sub{display:block;font-weight:400;font-size:.8125rem;color:var(--muted)}
.legend{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1rem;margin:0 0 .5rem;padding:0;font-size:.8125rem;color:var(--muted)}
.legend li{display:flex;align-items:center;gap:.35rem}
.swatch{display:inline-block;width:.8rem;height:.8rem;border-radius:3px;border:1px solid rgba(0,0,0,.08)}
.chart-scroll{overflow-x:auto}
.chart{display:block;width:100%;min-width:34rem;height:auto;font-family:var(--sans)}
.months-narrow{display:none}
.months-narrow .chart{min-width:0}
@media (max-width:40rem){.months-wide{display:none}.months-narrow{display:block}}
.chart .label{font-size:13px;fill:var(--ink)}
.chart .value{font-size:12px;font-weight:600;fill:var(--ink)}
.chart .tick,.chart .note{font-size:11px;fill:var(--muted)}
.chart .grid{stroke:var(--line)}
.chart .axis{stroke:#cfcac0}
.chart .track{fill:color-mix(in srgb,var(--accent) 7%,#fff)}
.table-scroll{overflow-x:auto;margin:0 0 2rem;background:var(--card);border:1px solid var(--line);border-radius:var(--radius)}
table{border-collapse:collapse;width:100%;font-size:.9rem}
caption{text-align:left;font-weight:700;padding:.8rem 1rem .4rem}
th,td{padding:.45rem .6rem;border-top:1px solid var(--line);text-align:left;vertical-align:top;white-space:nowrap}
thead th{font-size:.75rem;letter-spacing:.04em;text-transform:uppercase;color:var(--muted);font-weight:700;border-top:0;white-space:normal;overflow-wrap:normal;vertical-align:bottom}
tbody th{font-weight:600;white-space:normal;min-width:9rem}
.num{text-align:right;font-variant-numeric:tabular-nums}
footer.wrap{border-top:1px solid var(--line);padding-block:1.25rem 3rem;color:var(--muted);font-size:.875rem}
footer p{margin:0 0 .35rem}
@media (max-width:40rem){.todo-item{flex-direction:column;gap:.35rem}.tag{width:auto}}
@media print{body{border-top:0;background:#fff}.tile,figure,.table-scroll,.todo-item{break-inside:avoid}}
`;
