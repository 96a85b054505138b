/**
 * The report as one self-contained HTML page to open from disk: inline CSS, SVG charts drawn
 * here, no script, nothing loaded from anywhere (a Content-Security-Policy says so to the
 * browser too). The page is a tree of elements (hastscript) written out by hast-util-to-html,
 * which escapes every value from the ledger or the kit; colours are generated hex.
 */
import { toHtml } from 'hast-util-to-html';
import { h, s, type Properties } from 'hastscript';
import { accentPalette } from '../kit/accent.ts';
import { plural } from '../kit/text.ts';
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

/** An element of the page, or text. */
type Part = ReturnType<typeof h> | string;

/** A chart: an SVG with its label as its accessible name, in a box that scrolls sideways on a phone. */
function chart(height: number, label: string, body: Part[], width = chartWidth, className?: string): Part {
  return h('div', { className: ['chart-scroll', ...(className ? [className] : [])] }, [
    s('svg', { className: 'chart', viewBox: `0 0 ${width} ${height}`, role: 'img', ariaLabel: label }, [s('title', label), ...body]),
  ]);
}

/** Width of the months chart drawn for phones: about the screen's width, so its text stays legible. */
const narrowChartWidth = 340;
/** Months the phone's chart shows: the latest, which matter most, without scrolling. */
const narrowMonths = 6;

function text(x: number, y: number, content: string, properties: Properties = {}): Part {
  return s('text', { x, y, ...properties }, content);
}

/** A bar (or column) with its figures as a tooltip. */
function bar(x: string, y: string | number, width: string, height: string | number, fill: string, title?: string): Part {
  return s('rect', { x, y, width, height, fill }, title === undefined ? [] : [s('title', title)]);
}

/** Horizontal stacked bars: each category's introductions by how they ended. */
function outcomesChart(categories: readonly CategorySource[], colours: ReturnType<typeof palette>, format: NumberFormat): Part {
  const max = Math.max(1, ...categories.map((c) => c.received));
  const plot = chartWidth - labelWidth - 56;
  const top = 8;
  const rows = categories.flatMap((category, i) => {
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
        const rect = bar(x.toFixed(1), y, width.toFixed(1), barHeight, segment.fill, `${category.category}: ${segment.value} ${segment.name}`);
        x += width;
        return rect;
      });
    const empty = category.received ? [] : [bar(String(labelWidth), y, '2', barHeight, colours.lost)];
    return [
      text(labelWidth - 10, y + 12.5, category.category, { textAnchor: 'end', className: 'label' }),
      ...(segments.length ? segments : empty),
      text(x + 8, y + 12.5, format.number(category.received), { className: 'value' }),
    ];
  });
  const height = top + categories.length * rowHeight;
  return chart(height, 'Introductions received per category, by outcome', rows);
}

/**
 * Horizontal bars of the share of decided introductions that were won, per category with any
 * decided; the others are named under the chart.
 */
function winRateChart(categories: readonly CategorySource[], colours: ReturnType<typeof palette>, format: NumberFormat): Part[] {
  const decided = categories.filter((category) => category.win_rate !== null);
  const undecided = categories.filter((category) => category.win_rate === null).map((category) => category.category);
  const note = undecided.length ? [h('p', { className: 'chart-note' }, `No outcomes yet: ${undecided.join(', ')}.`)] : [];
  if (!decided.length) return note;
  const plot = chartWidth - labelWidth - 120;
  const top = 22;
  const bottom = top + decided.length * rowHeight - 8;
  const grid = [0, 0.25, 0.5, 0.75, 1].flatMap((tick) => {
    const x = labelWidth + tick * plot;
    return [s('line', { x1: x, x2: x, y1: top - 6, y2: bottom, className: 'grid' }), text(x, 12, format.percent(tick), { textAnchor: 'middle', className: 'tick' })];
  });
  const rows = decided.flatMap((category, i) => {
    const y = top + i * rowHeight;
    const rate = category.win_rate!;
    return [
      text(labelWidth - 10, y + 12.5, category.category, { textAnchor: 'end', className: 'label' }),
      s('rect', { x: labelWidth, y, width: plot, height: barHeight, className: 'track' }),
      ...(rate > 0 ? [bar(String(labelWidth), y, (rate * plot).toFixed(1), barHeight, colours.won)] : []),
      text(labelWidth + plot + 10, y + 12.5, `${format.percent(rate)} (${category.won} of ${category.received - category.open})`, { className: 'value' }),
    ];
  });
  return [chart(top + decided.length * rowHeight, 'Win rate per category: won out of decided introductions', [...grid, ...rows]), ...note];
}

/**
 * Columns of introductions received per month, won ones in the owner's colour: twelve months on
 * a wide screen, the latest six on a phone (a scrolled chart would open on the oldest).
 */
function monthsChart(all: readonly MonthCount[], colours: ReturnType<typeof palette>, locale: string, narrow = false): Part {
  const months = narrow ? all.slice(-narrowMonths) : all;
  const width = narrow ? narrowChartWidth : chartWidth;
  const height = 180;
  const bottom = height - 26;
  const top = 16;
  const max = Math.max(1, ...all.map((m) => m.received));
  const slot = (width - 20) / months.length;
  const column = Math.min(30, slot * 0.6);
  let monthName: (month: string) => string;
  try {
    const formatter = new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' });
    monthName = (month) => formatter.format(new Date(`${month}-01T00:00:00Z`));
  } catch {
    monthName = (month) => month.slice(5);
  }
  const columns = months.flatMap((month, i) => {
    const x = 10 + i * slot + (slot - column) / 2;
    const scale = (n: number) => (n / max) * (bottom - top);
    const all = scale(month.received);
    const won = scale(month.won);
    return [
      ...(month.received ? [bar(x.toFixed(1), (bottom - all).toFixed(1), column.toFixed(1), all.toFixed(1), colours.open, `${month.month}: ${month.received} received, ${month.won} won`)] : []),
      ...(month.won ? [bar(x.toFixed(1), (bottom - won).toFixed(1), column.toFixed(1), won.toFixed(1), colours.won)] : []),
      ...(month.received ? [text(x + column / 2, bottom - all - 5, String(month.received), { textAnchor: 'middle', className: 'value' })] : []),
      text(x + column / 2, height - 8, monthName(month.month), { textAnchor: 'middle', className: 'tick' }),
    ];
  });
  const axis = s('line', { x1: 10, x2: width - 10, y1: bottom, y2: bottom, className: 'axis' });
  const label = `Introductions received per month over the last ${narrow ? 'six' : 'twelve'} months, won ones highlighted`;
  return chart(height, label, [axis, ...columns], width, narrow ? 'months-narrow' : 'months-wide');
}

function legend(entries: [string, string][]): Part {
  return h(
    'ul',
    { className: 'legend' },
    entries.map(([name, colour]) => h('li', [h('span', { className: 'swatch', style: `background:${colour}` }), name])),
  );
}

/** A chart with its caption and the legend of its colours. */
function chartFigure(caption: string, entries: [string, string][], chart: Part | Part[]): Part {
  return h('figure', lines(h('figcaption', caption), legend(entries), chart));
}

function statCells(stats: SourceStats, format: NumberFormat): Part[] {
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
  return cells.map((cell) => h('td', { className: 'num' }, cell));
}

const statHeaders = ['Received', 'Open', 'Won', 'Win rate', 'Not a fit', 'Value won', 'Last introduction', 'Given back'];

function sourcesTable(caption: string, first: string, rows: { head: string; sub?: string; stats: SourceStats }[], format: NumberFormat): Part {
  const header = h('tr', [h('th', { scope: 'col' }, first), ...statHeaders.map((heading) => h('th', { scope: 'col', className: 'num' }, heading))]);
  const body = rows.map(({ head, sub, stats }) => h('tr', [h('th', { scope: 'row' }, [head, sub ? h('span', { className: 'sub' }, sub) : []]), ...statCells(stats, format)]));
  return h('div', { className: 'table-scroll' }, [h('table', [h('caption', caption), h('thead', header), h('tbody', body)])]);
}

/** Block-level parts, one a line in the page's source, as the page always read. */
const lines = (...parts: (Part | Part[])[]): Part[] => parts.flatMap((part, i) => (i ? ['\n', part] : [part])).flat();

export function renderHtmlReport(report: FollowUpReport, options: HtmlReportOptions): string {
  const format = numberFormat(options.language, options.currency);
  const colours = palette(options.accent);
  const { accent, onAccent, accentInk } = accentPalette(options.accent);
  const { partners, categories, total } = report.sources;
  const lastYear = report.months.reduce((sum, month) => sum + month.received, 0);

  const todo = report.todo.length
    ? h(
        'ol',
        { className: 'todo' },
        report.todo.map((item, i) => {
          const write = options.writeLinks?.[i];
          const command = options.draftCommands?.[i];
          const actions = write
            ? h('span', { className: 'write-it' }, [h('a', { className: 'write', href: write }, mailSentences.writeIt), command ? [' ', h('code', { className: 'command' }, command)] : []])
            : [];
          return h('li', { className: 'todo-item', dataAction: item.action }, [
            h('span', { className: 'tag' }, actionLabels[item.action]),
            h('div', [h('strong', item.title), h('span', { className: 'why' }, item.why), item.link ? h('code', { className: 'link' }, item.link) : [], actions]),
          ]);
        }),
      )
    : h('p', { className: 'empty' }, 'Nothing to do today: every introduction is followed up.');

  const start = options.hasLedger
    ? ''
    : h('p', { className: 'notice' }, [
        'No ',
        h('code', 'referrals.yaml'),
        ' yet. Record an introduction when one comes in: ',
        h('code', 'referral-kit log intro --from <partner> --prospect "<name>"'),
      ]);

  const tiles = [
    ['To do today', format.number(report.todo.length), ''],
    ['Introductions, last 12 months', format.number(lastYear), ''],
    ['Won', format.number(total.won), total.win_rate === null ? '' : `${format.percent(total.win_rate)} of decided`],
    ['Value won', format.money(total.value_won), ''],
  ].map(([label, value, note]) => h('div', { className: 'tile' }, [h('dt', label!), h('dd', [value!, note ? h('small', note) : []])]));

  const sources = partners.length
    ? h(
        'section',
        { id: 'sources' },
        lines(
          '',
          h('h2', 'Where good introductions come from'),
          chartFigure(
            'Introductions by kind of partner',
            [
              ['won', colours.won],
              ['open', colours.open],
              ['not a fit', colours.notFit],
              ['lost or unreachable', colours.lost],
            ],
            outcomesChart(categories, colours, format),
          ),
          h(
            'figure',
            lines(h('figcaption', ['Win rate by kind of partner ', h('span', { className: 'sub' }, 'won, out of introductions that are decided')]), winRateChart(categories, colours, format)),
          ),
          chartFigure(
            'Introductions per month',
            [
              ['received', colours.open],
              ['won', colours.won],
            ],
            [monthsChart(report.months, colours, options.language), monthsChart(report.months, colours, options.language, true)],
          ),
          sourcesTable(
            'By partner',
            'Partner',
            partners.map((p) => ({ head: p.name, sub: p.category, stats: p })),
            format,
          ),
          sourcesTable(
            'By kind of partner',
            'Kind',
            categories.map((c) => ({ head: c.category, sub: plural(c.partners, 'partner'), stats: c })),
            format,
          ),
          '',
        ),
      )
    : '';

  const page = h(
    'html',
    { lang: options.language, style: `--accent:${accent};--on-accent:${onAccent};--accent-ink:${accentInk};--open:${colours.open};--not-fit:${colours.notFit};--lost:${colours.lost}` },
    lines(
      '',
      h(
        'head',
        lines(
          '',
          h('meta', { charSet: 'utf-8' }),
          h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
          h('meta', { httpEquiv: 'Content-Security-Policy', content: "default-src 'none'; style-src 'unsafe-inline'; img-src data:" }),
          h('meta', { name: 'robots', content: 'noindex, nofollow' }),
          h('meta', { name: 'referrer', content: 'no-referrer' }),
          h('title', `Referral follow-up, ${report.today}: ${options.owner}`),
          h('style', css),
          '',
        ),
      ),
      h(
        'body',
        lines(
          '',
          h(
            'header',
            { className: 'wrap' },
            lines(
              '',
              h('p', { className: 'eyebrow' }, `Private: ${options.business}`),
              h('h1', 'Referral follow-up'),
              h('p', { className: 'lede' }, [`${options.owner}, ${report.today}. Made on your computer from `, h('code', 'referrals.yaml'), '; keep it there, it names your prospects.']),
              h('dl', { className: 'tiles' }, tiles),
              '',
            ),
          ),
          h('main', { className: 'wrap' }, lines('', start, h('section', { id: 'todo' }, lines('', h('h2', 'To do today'), todo, '')), sources, '')),
          h(
            'footer',
            { className: 'wrap' },
            lines(
              '',
              h('p', [
                `Contact new prospects within ${plural(report.settings.contact_within_days, 'day')}, ask partners again every ${plural(report.settings.ask_again_after_days, 'day')}: `,
                h('code', 'follow_up'),
                ' in ',
                h('code', 'kit.yaml'),
                ` sets both. Give back to a partner after ${giveBackAfter} introductions in ${giveBackWindowDays} days; re-educate one when most of ${reeducateAfter} or more referrals were not a fit.`,
              ]),
              h('p', 'Win and not-a-fit rates count decided introductions only (won, lost, not a fit, unreachable).'),
              '',
            ),
          ),
          '',
        ),
      ),
      '',
    ),
  );
  return `${toHtml({ type: 'root', children: [{ type: 'doctype' }, { type: 'text', value: '\n' }, page, { type: 'text', value: '\n' }] })}`;
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
