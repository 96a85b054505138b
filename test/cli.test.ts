import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { checkReport } from '../src/cli/check.ts';
import { runCli } from './helpers/cli.ts';
import { copyFixture, fixture, repoRoot, tempDir } from './helpers/fixtures.ts';
import { fingerprint } from './helpers/files.ts';
import { childProcesses } from './helpers/process-memory.ts';
import { builtSite } from './helpers/sites.ts';

describe('referral-kit --help', () => {
  it('lists the commands with examples', async () => {
    const { code, stdout } = await runCli(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatchInlineSnapshot(`
      "Turn your referral partners and scripts into a kit per partner and a static site (referral-kit v0.1.0)

      USAGE referral-kit init|add|check|preview|links|invite|rotate|build|dev|log|update|report|follow-up|testimonial|inbox

      COMMANDS

               init    Start a new kit: a few questions, then a kit folder ready to check, preview and build
                add    Add a partner, with a fresh secret kit link
              check    Find mistakes in the kit before a partner does, without building
            preview    Show what one partner's kit will say, filled in, and why each script was chosen
              links    List every partner's kit link and share link, to send them out
             invite    Write each partner an invitation with their kit link, as email drafts to send yourself
             rotate    Give a partner a new secret kit link; the old one stops working at the next deploy
              build    Check the kit, then build the site: kits, share pages, home and testimonials
                dev    Preview the kit on your computer, updated as you save; lists every page, each partner's kit too
                log    Record an introduction received or given, or an ask, in your private referrals.yaml
             update    Update an introduction in referrals.yaml: its status, value, and when you followed up
             report    Who to follow up with today, and which partners send the best introductions
          follow-up    Write the message for each follow-up to-do, as drafts or sent from your own account
        testimonial    Write down what a client said and record their consent to be quoted
              inbox    Find introductions in your mailbox (a partner wrote with you in cc) and log them

      Use referral-kit <command> --help for more information about a command.

      EXAMPLES

        referral-kit init my-kit
        referral-kit add partner "Jane Smith" --category client --email jane@example.com
        referral-kit check
        referral-kit invite                      # a draft for every partner, in outbox/
        referral-kit build
        referral-kit log intro --from jane-smith --prospect "Dana Wu"
        referral-kit report
      "
    `);
  });

  it('explains build', async () => {
    expect((await runCli(['build', '--help'])).stdout).toMatchInlineSnapshot(`
      "Check the kit, then build the site: kits, share pages, home and testimonials (referral-kit build v0.1.0)

      USAGE referral-kit build [OPTIONS]

      OPTIONS

        --content=<dir>    Kit folder to read (Default: content)
            --out=<dir>    Folder to write the site to (replaced only when the build succeeds) (Default: dist)
                 --json    Print the outcome and its figures as JSON (with --watch, a line of it per build)
                --cache    Reuse images, pages and compiled scripts whose inputs did not change (Default: true)
             --no-cache    Build every image, page and script anew (also: REFERRAL_KIT_CACHE=off)
                --watch    Stay running and build again whenever a file of the kit changes (Ctrl-C stops)
               --daemon    Build in a background process that stays for the next build, which then starts warm (the default in a terminal; also: REFERRAL_KIT_BUILD_DAEMON=on)
            --no-daemon    Build in this process, and leave none behind (the default in CI and scripts; also: REFERRAL_KIT_BUILD_DAEMON=off)
          --stop-daemon    Stop this project's background process, if one runs, and build nothing

      EXAMPLES

        referral-kit build
        referral-kit build --content clients/maya --out public/maya
        referral-kit build --no-cache
        referral-kit build --watch
        referral-kit build --stop-daemon
      "
    `);
  });

  it('explains init', async () => {
    const { stdout } = await runCli(['init', '--help']);
    expect(stdout).toMatchInlineSnapshot(`
      "Start a new kit: a few questions, then a kit folder ready to check, preview and build (referral-kit init v0.1.0)

      USAGE referral-kit init [OPTIONS] [FOLDER]

      ARGUMENTS

        FOLDER=<folder>    Folder to create the kit in (Default: content)

      OPTIONS

                        --name=<text>    Your name
                    --business=<text>    Your business or practice
                    --email=<address>    Where introductions reach you (shown on your pages)
                      --url=<address>    Where the site will live, like https://example.com
                   --one-liner=<text>    What you do, in one sentence a partner can repeat
                --ideal-client=<text>    Who your ideal client is
                     --signals=<text>    Two or three things people say when they need you, separated by ";"
                     --promise=<text>    What happens after an introduction
                     --partner=<name>    The first partner you will ask, their full name
        --partner-category=<category>    What kind of partner: client, former-client, colleague, competitor, center-of-influence, salesperson, organization, prospect, other
            --partner-email=<address>    Their email (private, for \`invite\`)
                            -y, --yes    Take the defaults for every question not given as a flag (no prompts)

      EXAMPLES

        referral-kit init my-kit
        referral-kit init my-kit --name "Maya Okafor" --business "Ledger & Line" --email maya@example.com --yes
      "
    `);
  });

  it('explains dev', async () => {
    expect((await runCli(['dev', '--help'])).stdout).toMatchInlineSnapshot(`
      "Preview the kit on your computer, updated as you save; lists every page, each partner's kit too (referral-kit dev v0.1.0)

      USAGE referral-kit dev [OPTIONS]

      OPTIONS

        --content=<dir>    Kit folder to read (Default: content)
        --port=<number>    Port to serve on (default: 4321, or the next free one)

      EXAMPLES

        referral-kit dev
        referral-kit dev --content my-kit --port 4000
      "
    `);
  });

  it('explains check', async () => {
    expect((await runCli(['check', '--help'])).stdout).toMatchInlineSnapshot(`
      "Find mistakes in the kit before a partner does, without building (referral-kit check v0.1.0)

      USAGE referral-kit check [OPTIONS]

      OPTIONS

        --content=<dir>    Kit folder to read (Default: content)
                 --json    Print the findings as JSON on stdout

      EXAMPLES

        referral-kit check
        referral-kit check --content clients/maya
        referral-kit check --json
      "
    `);
  });

  it('explains add partner', async () => {
    expect((await runCli(['add', 'partner', '--help'])).stdout).toMatchInlineSnapshot(`
      "Add a partner: a new file in partners/ with a fresh secret kit link (referral-kit add partner v0.1.0)

      USAGE referral-kit add partner [OPTIONS] <NAME>

      ARGUMENTS

        NAME=<name>    Their full name, in quotes (Required)

      OPTIONS

              --content=<dir>    Kit folder to read (Default: content)
        --category=<category>    What kind of partner: client, former-client, colleague, competitor, center-of-influence, salesperson, organization, prospect, other (Default: other)
            --email=<address>    Their email (private: used by \`invite\`, never published)
             --company=<text>    Where they work
          --occupation=<text>    What they do, e.g. "Tax accountant"
             --language=<tag>    Their language, e.g. nl or pt-BR (default: site.language)
                --slug=<slug>    File name and share-link name (default: from the name, with -2, -3… when taken)

      EXAMPLES

        referral-kit add partner "Jane Smith" --category client --email jane@example.com
        referral-kit add partner "王小明" --slug wang-xiaoming --category colleague
      "
    `);
  });

  it('explains preview', async () => {
    expect((await runCli(['preview', '--help'])).stdout).toMatchInlineSnapshot(`
      "Show what one partner's kit will say, filled in, and why each script was chosen (referral-kit preview v0.1.0)

      USAGE referral-kit preview [OPTIONS] <SLUG>

      ARGUMENTS

        SLUG=<slug>    The partner (their file name in partners/, like jane-smith) (Required)

      OPTIONS

        --content=<dir>    Kit folder to read (Default: content)
                 --json    Print the preview as JSON, for other tools

      EXAMPLES

        referral-kit preview jane-smith
        referral-kit preview jane-smith --json
      "
    `);
  });

  it('explains invite', async () => {
    expect((await runCli(['invite', '--help'])).stdout).toMatchInlineSnapshot(`
      "Write each partner an invitation with their kit link, as email drafts to send yourself (referral-kit invite v0.1.0)

      USAGE referral-kit invite [OPTIONS] [SLUGS]

      ARGUMENTS

        SLUGS=<slug…>    Partners to invite (default: every partner)

      OPTIONS

               --content=<dir>    Kit folder to read (Default: content)
                   --out=<dir>    Folder to write the .eml drafts to (Default: outbox)
         --format=<eml|mailto>    eml: one draft file per partner; mailto: print one link per partner (Default: eml)
                       --force    Replace drafts already in the folder
                        --imap    Put each message in your mailbox's Drafts folder, to read and send from your mail app (REFERRAL_KIT_IMAP_URL)
                        --send    Send each invitation from your own account over SMTP (REFERRAL_KIT_SMTP_URL), once: the sent log remembers
                     --dry-run    With --send: list what would be sent, and send nothing
        --mail-settings=<file>    Your mail settings file, outside the content folder (default: ~/.config/referral-kit/mail.yaml)
                        --json    Print what was written (or the mailto links) as JSON

      EXAMPLES

        referral-kit invite                      # a draft for every partner, in outbox/
        referral-kit invite jane-smith omar-haddad
        referral-kit invite --format mailto
        referral-kit invite --imap                # drafts in your mailbox's Drafts folder
        referral-kit invite --send --dry-run      # what --send would send
      "
    `);
  });

  it('explains rotate', async () => {
    expect((await runCli(['rotate', '--help'])).stdout).toMatchInlineSnapshot(`
      "Give a partner a new secret kit link; the old one stops working at the next deploy (referral-kit rotate v0.1.0)

      USAGE referral-kit rotate [OPTIONS] <SLUG>

      ARGUMENTS

        SLUG=<slug>    The partner's file name without .yaml (as \`referral-kit links\` shows) (Required)

      OPTIONS

        --content=<dir>    Kit folder to read (Default: content)

      EXAMPLES

        referral-kit rotate jane-smith
        referral-kit rotate jane-smith --content clients/maya
      "
    `);
  });

  it('explains links', async () => {
    expect((await runCli(['links', '--help'])).stdout).toMatchInlineSnapshot(`
      "List every partner's kit link and share link, to send them out (referral-kit links v0.1.0)

      USAGE referral-kit links [OPTIONS]

      OPTIONS

                  --content=<dir>    Kit folder to read (Default: content)
        --format=<table|csv|json>    Output format (Default: table)
                           --json    Same as --format json

      EXAMPLES

        referral-kit links
        referral-kit links --format csv > partners.csv   # for a mail merge
        referral-kit links --json
      "
    `);
  });

  it('explains log intro, log given and log ask', async () => {
    expect((await runCli(['log', 'intro', '--help'])).stdout).toMatchInlineSnapshot(`
      "Record an introduction or referral a partner sent you (referral-kit log intro v0.1.0)

      USAGE referral-kit log intro [OPTIONS]

      OPTIONS

            --content=<dir>    Kit folder to read (Default: content)
              --from=<slug>    The partner who made the introduction (their slug, as \`referral-kit links\` shows)
          --prospect=<name>    The person introduced to you, in quotes
               --eml=<file>    Instead: find the introduction in an email saved from your mail app (a partner wrote to someone with you in cc)
                      --yes    With --eml: add what was found without asking
        --date=<YYYY-MM-DD>    The date, as YYYY-MM-DD (default: today)
              --kind=<kind>    introduction or referral (Default: introduction)
             --notes=<text>    Anything to remember about it (private)

      EXAMPLES

        referral-kit log intro --from jane-smith --prospect "Dana Wu"
        referral-kit log intro --from omar-haddad --prospect "Lee Park" --kind referral --date 2026-10-02
        referral-kit log intro --eml saved-introduction.eml
      "
    `);
    expect((await runCli(['log', 'given', '--help'])).stdout).toMatchInlineSnapshot(`
      "Record an introduction you made for a partner (referral-kit log given v0.1.0)

      USAGE referral-kit log given [OPTIONS] --to=<slug> --prospect=<name>

      OPTIONS

            --content=<dir>    Kit folder to read (Default: content)
                --to=<slug>    The partner you introduced someone to (their slug) (Required)
          --prospect=<name>    The person you introduced to them, in quotes (Required)
        --date=<YYYY-MM-DD>    The date, as YYYY-MM-DD (default: today)
             --notes=<text>    Anything to remember about it (private)

      EXAMPLES

        referral-kit log given --to jane-smith --prospect "Sam Lee"
      "
    `);
    expect((await runCli(['log', 'ask', '--help'])).stdout).toMatchInlineSnapshot(`
      "Record that you asked a partner for introductions (referral-kit log ask v0.1.0)

      USAGE referral-kit log ask [OPTIONS] <PARTNER>

      ARGUMENTS

        PARTNER=<slug>    The partner you asked for introductions (their slug) (Required)

      OPTIONS

            --content=<dir>    Kit folder to read (Default: content)
        --date=<YYYY-MM-DD>    The date, as YYYY-MM-DD (default: today)
               --reeducated    You also sent them the "who is a fit" part of their kit again
             --said=<words>    What they said about working with you, in quotes: written as a testimonial too, consent pending
             --notes=<text>    Anything to remember about it (private)

      EXAMPLES

        referral-kit log ask jane-smith
        referral-kit log ask jane-smith --said "Maya made tax season calm."
      "
    `);
  });

  it('explains update', async () => {
    expect((await runCli(['update', '--help'])).stdout).toMatchInlineSnapshot(`
      "Update an introduction in referrals.yaml: its status, value, and when you followed up (referral-kit update v0.1.0)

      USAGE referral-kit update [OPTIONS] <PROSPECT>

      ARGUMENTS

        PROSPECT=<name>    The person introduced to you, as in referrals.yaml (any capitalisation) (Required)

      OPTIONS

            --content=<dir>    Kit folder to read (Default: content)
              --from=<slug>    The partner who introduced them, when several did (their slug)
          --status=<status>    Where it stands now: introduced, contacted, meeting, won, lost, not-a-fit, unreachable
           --value=<number>    What the work is worth, a plain number like 4800
                --contacted    You got in touch with the prospect (sets contacted, and status contacted if it was introduced)
           --outcome-shared    You told the partner how it went (sets outcome_shared)
                  --thanked    You thanked the partner (sets thanked)
        --date=<YYYY-MM-DD>    The date for --contacted, --outcome-shared and --thanked (default: today; also replaces a date already set)

      EXAMPLES

        referral-kit update "Dana Wu" --contacted
        referral-kit update "Dana Wu" --status won --value 4800
        referral-kit update "Dana Wu" --outcome-shared --thanked
        referral-kit update "Lee Park" --from omar-haddad --status not-a-fit
      "
    `);
  });

  it('explains report', async () => {
    expect((await runCli(['report', '--help'])).stdout).toMatchInlineSnapshot(`
      "Who to follow up with today, and which partners send the best introductions (referral-kit report v0.1.0)

      USAGE referral-kit report [OPTIONS]

      OPTIONS

             --content=<dir>    Kit folder to read (Default: content)
        --today=<YYYY-MM-DD>    Count days from this date instead of today: to look ahead, or to reproduce a report
                      --json    Print the report as JSON
               --html=<file>    Write the report as a web page with charts, to open in your browser (private: keep it off your site)

      EXAMPLES

        referral-kit report
        referral-kit report --html report.html   # a page with charts, to open in your browser
        referral-kit report --json
        referral-kit report --today 2026-12-01   # what will be due by then
      "
    `);
  });

  it('explains follow-up and inbox', async () => {
    expect((await runCli(['follow-up', '--help'])).stdout).toMatchInlineSnapshot(`
      "Write the message for each follow-up to-do, as drafts or sent from your own account (referral-kit follow-up v0.1.0)

      USAGE referral-kit follow-up [OPTIONS] [WHO]

      ARGUMENTS

        WHO=<name…>    Only the to-dos about these partners (slug or name) or prospects (default: all of today's)

      OPTIONS

               --content=<dir>    Kit folder to read (Default: content)
                 --kind=<kind>    Only this kind of message: thank-you, outcome, ask-again, give-back, re-educate, testimonial-request
          --today=<YYYY-MM-DD>    Count days from this date instead of today, as report does
                         --eml    Write each message as an .eml draft file (see --out)
                        --imap    Put each message in your mailbox's Drafts folder, to read and send from your mail app (REFERRAL_KIT_IMAP_URL)
                        --send    Send each message from your own account over SMTP (REFERRAL_KIT_SMTP_URL); without it, a dry run lists them
        --mail-settings=<file>    Your mail settings file, outside the content folder (default: ~/.config/referral-kit/mail.yaml)
                   --out=<dir>    Folder for --eml drafts (Default: outbox)
                       --force    With --eml: replace drafts already in the folder
           --confirm-sent=<id>    A message left unsure by a stopped run is in your Sent folder: record it as sent
                 --resend=<id>    A message left unsure by a stopped run is not in your Sent folder: let the next --send send it
                        --json    Print the messages (or what was done) as JSON

      EXAMPLES

        referral-kit follow-up                          # what would be sent today (a dry run)
        referral-kit follow-up --imap                   # drafts in your mailbox, to read and send
        referral-kit follow-up --send                   # send them from your own account
        referral-kit follow-up "Dana Wu" --kind thank-you --eml
      "
    `);
    expect((await runCli(['inbox', '--help'])).stdout).toMatchInlineSnapshot(`
      "Find introductions in your mailbox (a partner wrote with you in cc) and log them (referral-kit inbox v0.1.0)

      USAGE referral-kit inbox [OPTIONS]

      OPTIONS

               --content=<dir>    Kit folder to read (Default: content)
                    --days=<n>    How far back to look, in days (Default: 30)
                         --yes    Add every introduction found without asking
        --mail-settings=<file>    Your mail settings file, outside the content folder (default: ~/.config/referral-kit/mail.yaml)

      EXAMPLES

        referral-kit inbox               # introductions of the last 30 days, to confirm one by one
        referral-kit inbox --days 90 --yes
      "
    `);
  });

  it('explains testimonial add and consent', async () => {
    expect((await runCli(['testimonial', '--help'])).stdout).toMatchInlineSnapshot(`
      "Write down what a client said and record their consent to be quoted (referral-kit testimonial v0.1.0)

      USAGE referral-kit testimonial add|consent

      COMMANDS

            add    Write down a testimonial you heard (or read in an email), consent pending
        consent    Record whether the author agreed to be quoted, and when

      Use referral-kit testimonial <command> --help for more information about a command.

      EXAMPLES

        referral-kit testimonial add --from jane-smith --quote "Maya made tax season calm."
        referral-kit testimonial add --author "Lee Park" --role Founder --company "Park Studio" --quote "…"
        referral-kit testimonial add --eml reply.eml
        referral-kit testimonial consent jane-smith-2026-12-01 --given --how "email of 2026-12-03"
        referral-kit testimonial consent lee-park-2026-12-01 --declined
      "
    `);
    expect((await runCli(['testimonial', 'add', '--help'])).stdout).toMatchInlineSnapshot(`
      "Write down a testimonial you heard (or read in an email), consent pending (referral-kit testimonial add v0.1.0)

      USAGE referral-kit testimonial add [OPTIONS]

      OPTIONS

            --content=<dir>    Kit folder to read (Default: content)
             --quote=<text>    Their words, in quotes, as they said them
            --author=<name>    Who said it (taken from the partner file with --from)
              --from=<slug>    The partner who said it (their slug): name, role and company come from their file
              --role=<text>    Their role, e.g. "Founder"
           --company=<text>    Their company
               --eml=<file>    Instead: an email a partner sent with the kit's "write it" link; their consent in it is recorded
        --date=<YYYY-MM-DD>    The date, as YYYY-MM-DD (default: today)

      EXAMPLES

        referral-kit testimonial add --from jane-smith --quote "Maya made tax season calm."
        referral-kit testimonial add --author "Lee Park" --role Founder --company "Park Studio" --quote "…"
        referral-kit testimonial add --eml reply.eml
      "
    `);
    expect((await runCli(['testimonial', 'consent', '--help'])).stdout).toMatchInlineSnapshot(`
      "Record whether the author agreed to be quoted, and when (referral-kit testimonial consent v0.1.0)

      USAGE referral-kit testimonial consent [OPTIONS] <ID>

      ARGUMENTS

        ID=<id>    The testimonial (its file name in testimonials/ without .yaml) (Required)

      OPTIONS

            --content=<dir>    Kit folder to read (Default: content)
                    --given    They agreed to be quoted publicly (the default)
                 --declined    They said no: it is never published
                  --pending    Back to not answered yet
               --how=<text>    How they answered, for your records (private), e.g. "email of 2026-12-03"
        --date=<YYYY-MM-DD>    The date, as YYYY-MM-DD (default: today)

      EXAMPLES

        referral-kit testimonial consent jane-smith-2026-12-01 --given --how "email of 2026-12-03"
        referral-kit testimonial consent lee-park-2026-12-01 --declined
      "
    `);
  });

  it('explains add, which needs a kind of thing to add', async () => {
    const { code, stdout, stderr } = await runCli(['add']);
    expect(code).toBe(1);
    expect(stdout).toContain('USAGE referral-kit add partner');
    expect(stderr).toBe('No command specified.');
  });
});

describe('referral-kit check', () => {
  it('passes a good kit, showing its warnings', async () => {
    const { code, stdout, stderr } = await runCli(['check', '--content', fixture('basic')]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/✓ .*basic is ready \(0 errors, 6 warnings\)/);
    expect(stderr).toContain('testimonials/unpublished.yaml:3:1: warning: not published');
    // Follow-through channels without a script: one line, whatever the number of partners.
    expect(stderr.split('\n').filter((line) => line.includes('`referral-kit follow-up` will use a plain built-in message'))).toEqual([
      'test/fixtures/basic/scripts:1:1: warning: no script for thank-you, outcome, ask-again, give-back, re-educate, testimonial-request: `referral-kit follow-up` will use a plain built-in message; write your own in scripts/ (channel: thank-you)',
    ]);
  });

  it('fails a broken kit, listing every error with its position', async () => {
    const { code, stderr } = await runCli(['check', '--content', fixture('invalid')]);
    expect(code).toBe(1);
    expect(stderr.split('\n').filter((line) => /:\d+:\d+: error: /.test(line))).toHaveLength(17);
    expect(stderr).toContain('invalid/partners/jane-smith.yaml:3:11: error: category:');
    expect(stderr).toMatch(/referral-kit: 17 errors, 1 warning: fix the errors above$/);
  });

  it('refuses an unknown option instead of ignoring it', async () => {
    const { code, stderr } = await runCli(['check', '--contnet', fixture('basic')]);
    expect(code).toBe(1);
    expect(stderr).toBe('referral-kit: unknown option --contnet (see --help)');
  });

  it('lists its findings as JSON, with the same exit codes', async () => {
    const good = await runCli(['check', '--content', fixture('basic'), '--json']);
    expect(good.code).toBe(0);
    const report = JSON.parse(good.stdout) as ReturnType<typeof checkReport>;
    expect(report).toMatchObject({ content: fixture('basic'), ok: true, errors: 0, warnings: 6 });
    expect(report.diagnostics).toContainEqual({
      file: 'test/fixtures/basic/testimonials/unpublished.yaml',
      line: 3,
      column: 1,
      severity: 'warning',
      message: 'not published yet: once the author agrees, run referral-kit testimonial consent unpublished --given',
    });

    const bad = await runCli(['check', '--content', fixture('invalid'), '--json']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('');
    const badReport = JSON.parse(bad.stdout) as ReturnType<typeof checkReport>;
    expect(badReport).toMatchObject({ ok: false, errors: 17, warnings: 1 });
    expect(badReport.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`)).toEqual(
      (await runCli(['check', '--content', fixture('invalid')])).stderr.split('\n').slice(0, -1),
    );
  });

  it('fails when the folder does not exist', async () => {
    const { code, stderr } = await runCli(['check', '--content', join(tempDir('none'), 'missing')]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/missing:1:1: error: content folder not found/);
  });
});

/**
 * `build --watch --json` with `args`, in a process group of its own as a terminal starts a
 * command (Ctrl-C signals every process in it, the bundler's and the image workers too), its
 * output gathered; the whole group is killed after 4 minutes whatever happens (clear `killer`).
 */
function watchInOwnGroup(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const child = spawn(process.execPath, [join(repoRoot, 'bin', 'referral-kit.js'), 'build', '--watch', '--json', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env, detached: true });
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: Buffer) => (output.stdout += chunk));
  child.stderr.on('data', (chunk: Buffer) => (output.stderr += chunk));
  const closed = new Promise<number | null>((resolve) => child.once('close', resolve));
  const killer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 240_000);
  return { child, output, closed, killer };
}

/** Waits (bounded) until no process of the group `pid` leads is left: no worker, bundler or builder outlives a command. */
async function expectGroupGone(pid: number): Promise<void> {
  await expect
    .poll(
      () =>
        spawnSync('pgrep', ['-g', String(pid)])
          .stdout.toString()
          .trim(),
      { timeout: 10_000 },
    )
    .toBe('');
}

describe('referral-kit build', () => {
  it('leaves the previous site exactly as it was when the content has errors', async () => {
    const content = copyFixture('basic');
    const out = join(tempDir('keep'), 'dist');
    // The previous site: this content's build, copied from the run's shared one.
    cpSync((await builtSite('basic')).dist, out, { recursive: true });
    const before = fingerprint(out);
    expect(Object.keys(before).length).toBeGreaterThan(5);

    writeFileSync(join(content, 'partners', 'jane-smith.yaml'), 'name: Jane\ntoken: short\ncategory: cilent\n');
    const failed = await runCli(['build', '--content', content, '--out', out]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('partners/jane-smith.yaml:2:8: error: token:');
    expect(failed.stderr).toContain('partners/jane-smith.yaml:3:11: error: category:');
    expect(failed.stderr).toMatch(/build stopped: the content has errors \(2 errors, \d+ warnings?\); .*dist was left as it was/);
    expect(fingerprint(out)).toEqual(before);
    expect(readdirSync(join(out, '..'))).toEqual(['dist']);
  });

  it('--watch builds again after each change, keeps the last good site when a change breaks it, and stops on Ctrl-C', async () => {
    const content = copyFixture('basic');
    const out = join(tempDir('watch-build'), 'dist');
    const child = spawn(process.execPath, [join(repoRoot, 'bin', 'referral-kit.js'), 'build', '--watch', '--json', '--content', content, '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    const builds = () =>
      stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { ok: boolean; changed: string[]; errors: number });
    const buildNumber = async (count: number) => {
      await expect.poll(() => builds().length, { timeout: 120_000, interval: 100 }).toBeGreaterThanOrEqual(count);
      return builds()[count - 1]!;
    };
    const pagesHolding = (text: string) => Object.keys(fingerprint(out)).filter((file) => file.endsWith('.html') && readFileSync(join(out, file), 'utf8').includes(text));
    try {
      expect(await buildNumber(1)).toMatchObject({ ok: true, changed: [] });
      expect(pagesHolding('WATCHED-EDIT-MARKER')).toEqual([]);

      const script = join(content, 'scripts', 'email-intro.mdx');
      writeFileSync(script, `${readFileSync(script, 'utf8').trimEnd()} WATCHED-EDIT-MARKER\n`);
      expect(await buildNumber(2)).toMatchObject({ ok: true, changed: ['scripts/email-intro.mdx'] });
      expect(pagesHolding('WATCHED-EDIT-MARKER').length).toBeGreaterThan(0);

      // An editor's swap file is not a change of the kit.
      writeFileSync(join(content, 'scripts', '.email-intro.mdx.swp'), 'swap');
      writeFileSync(join(content, 'partners', 'jane-smith.yaml'), 'name: Jane\ntoken: short\n');
      const broken = await buildNumber(3);
      expect(broken).toMatchObject({ ok: false, changed: ['partners/jane-smith.yaml'] });
      expect(broken.errors).toBeGreaterThan(0);
      expect(stderr).toContain('partners/jane-smith.yaml:2:8: error: token:');
      // The site of build 2 is still there, whole.
      expect(pagesHolding('WATCHED-EDIT-MARKER').length).toBeGreaterThan(0);

      // Fixed, and with a new name that the pages then show.
      const jane = readFileSync(join(fixture('basic'), 'partners', 'jane-smith.yaml'), 'utf8');
      writeFileSync(join(content, 'partners', 'jane-smith.yaml'), jane.replace('name: Jane Smith', 'name: Janet Watchedname'));
      expect(await buildNumber(4)).toMatchObject({ ok: true, changed: ['partners/jane-smith.yaml'] });
      expect(pagesHolding('Janet Watchedname').length).toBeGreaterThan(0);
    } finally {
      child.kill('SIGINT');
    }
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    expect(code, stderr).toBe(0);
    expect(builds()).toHaveLength(4);
    // No staging or previous site left beside the output.
    expect(readdirSync(join(out, '..'))).toEqual(['dist']);
  });

  it('--watch past its memory limit goes on in a fresh process, with nothing saved meanwhile lost, and stops on a signal to it', async () => {
    const content = copyFixture('basic');
    const out = join(tempDir('watch-fresh'), 'dist');
    // A limit every builder is past after its second build: each change is built, then a fresh builder takes over.
    const { child, output, closed, killer } = watchInOwnGroup(['--content', content, '--out', out], { ...process.env, REFERRAL_KIT_WATCH_MEMORY_MB: '1' });
    const builds = () =>
      output.stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { ok: boolean; changed: string[] });
    const pagesHolding = (text: string) => Object.keys(fingerprint(out)).filter((file) => file.endsWith('.html') && readFileSync(join(out, file), 'utf8').includes(text));
    const script = join(content, 'scripts', 'email-intro.mdx');
    const edit = (marker: string) => writeFileSync(script, `${readFileSync(script, 'utf8').trimEnd()} ${marker}\n`);
    try {
      await expect.poll(() => builds().length, { timeout: 120_000, interval: 100 }).toBe(1);
      edit('BEFORE-THE-HANDOVER');
      await expect.poll(() => builds().length, { timeout: 120_000, interval: 100 }).toBe(2);
      expect(builds()[1]).toMatchObject({ ok: true, changed: ['scripts/email-intro.mdx'] });
      // Saved while one builder gives way to the next: the fresh one builds at once, and has it.
      edit('DURING-THE-HANDOVER');
      await expect.poll(() => pagesHolding('DURING-THE-HANDOVER').length, { timeout: 120_000, interval: 100 }).toBeGreaterThan(0);
      await expect.poll(() => builds().length, { timeout: 120_000, interval: 100 }).toBeGreaterThanOrEqual(3);
      // The fresh builder's first build, of the folder as it is: no change of its own to report.
      expect(builds()[2]).toMatchObject({ ok: true, changed: [] });
      expect(builds().every((build) => build.ok)).toBe(true);
      expect(pagesHolding('BEFORE-THE-HANDOVER').length).toBeGreaterThan(0);
      // A signal to the command alone, not its process group: it passes it on to its builder.
      child.kill('SIGINT');
      expect(await closed, output.stderr).toBe(0);
      await expectGroupGone(child.pid!);
      expect(readdirSync(join(out, '..'))).toEqual(['dist']);
    } finally {
      clearTimeout(killer);
      // A failed expectation must not leave it watching.
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
    }
  });

  it('--watch refuses a memory limit that is not a number of megabytes, before starting anything', async () => {
    process.env.REFERRAL_KIT_WATCH_MEMORY_MB = '2GB';
    try {
      const run = await runCli(['build', '--watch', '--content', fixture('basic'), '--out', join(tempDir('watch-limit'), 'dist')]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('REFERRAL_KIT_WATCH_MEMORY_MB must be a number of megabytes, like 2048, not "2GB"');
    } finally {
      delete process.env.REFERRAL_KIT_WATCH_MEMORY_MB;
    }
  });

  it('--watch on Ctrl-C in a terminal: the build under way stops, the last good site stays whole, nothing is left running', async () => {
    const content = copyFixture('basic');
    const out = join(tempDir('watch-ctrl-c'), 'dist');
    // Its own process group, as a terminal gives a command: Ctrl-C signals every process in it,
    // the bundler's and the image workers too.
    const { child, output, closed, killer } = watchInOwnGroup(['--no-cache', '--content', content, '--out', out]);
    try {
      await expect.poll(() => output.stdout.split('\n').filter(Boolean).length, { timeout: 120_000, interval: 100 }).toBe(1);
      expect(JSON.parse(output.stdout)).toMatchObject({ ok: true });
      const before = fingerprint(out);
      // Every image changes with the accent, so the next build draws them all, in worker processes.
      const kit = join(content, 'kit.yaml');
      writeFileSync(kit, `${readFileSync(kit, 'utf8').trimEnd()}\n# edited while watching\n`.replace(/accent: .*/, 'accent: "#1d6b52"'));
      // Under way: its staging folder is there, and the builder (the command's child) has started processes of its own.
      await expect
        .poll(() => readdirSync(join(out, '..')).some((name) => name.startsWith('.dist.building-')) && childProcesses(child.pid!).flatMap(childProcesses).length > 0, {
          timeout: 120_000,
          interval: 20,
        })
        .toBe(true);
      process.kill(-child.pid!, 'SIGINT');
      expect(await closed, output.stderr).toBe(0);
      expect(fingerprint(out)).toEqual(before);
      expect(readdirSync(join(out, '..'))).toEqual(['dist']);
      // No worker, bundler or other process of the group outlives it.
      await expectGroupGone(child.pid!);
    } finally {
      clearTimeout(killer);
    }
  });

  it('drops the old kit path after a token is rotated', async () => {
    const content = copyFixture('basic');
    const out = join(tempDir('rotate-build'), 'dist');
    const oldToken = 'jAn3sm1thT0kenXXaaBBccDD';
    // The site before the rotation: this content's build, copied from the run's shared one.
    cpSync((await builtSite('basic')).dist, out, { recursive: true });
    expect(readdirSync(join(out, 'kit'))).toContain(oldToken);
    expect((await runCli(['rotate', 'jane-smith', '--content', content])).code).toBe(0);
    expect((await runCli(['build', '--content', content, '--out', out])).code).toBe(0);
    const kits = readdirSync(join(out, 'kit')).filter((name) => name !== 'index.html');
    expect(kits).not.toContain(oldToken);
    expect(kits).toHaveLength(5);
  });

  it('refuses to replace a folder that is not a previous build, or holds the content', async () => {
    const out = tempDir('precious');
    writeFileSync(join(out, 'thesis.docx'), 'years of work');
    const refused = await runCli(['build', '--content', fixture('basic'), '--out', out]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/does not look like a previous build/);
    expect(readFileSync(join(out, 'thesis.docx'), 'utf8')).toBe('years of work');

    const content = copyFixture('basic');
    const intoContent = await runCli(['build', '--content', content, '--out', join(content, '..')]);
    expect(intoContent.code).toBe(1);
    expect(intoContent.stderr).toMatch(/holds your content folder/);

    const file = join(tempDir('file-in-the-way'), 'notes.txt');
    writeFileSync(file, 'not a folder');
    const underFile = await runCli(['build', '--content', fixture('basic'), '--out', join(file, 'dist')]);
    expect(underFile.code).toBe(1);
    expect(underFile.stderr).toContain(`${file} is a file, so ${join(file, 'dist')} cannot be made`);
  });
});

describe('the referral-kit executable', () => {
  const bin = join(repoRoot, 'bin', 'referral-kit.js');

  it('runs as a real process with the right exit codes', () => {
    const ok = spawnSync(process.execPath, [bin, 'check', '--content', fixture('basic')], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/is ready/);
    const bad = spawnSync(process.execPath, [bin, 'check', '--content', fixture('invalid')], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/error: /);
  });

  it('adds a partner, rotates their token and writes their invitation as a real process', () => {
    const content = copyFixture('basic');
    const cli = (...args: string[]) => spawnSync(process.execPath, [bin, ...args, '--content', content], { encoding: 'utf8', cwd: join(content, '..') });
    const added = cli('add', 'partner', 'Zoë Ångström', '--category', 'client', '--email', 'zoe@example.com');
    expect(added.stderr).toBe('');
    expect(added.status).toBe(0);
    const token = /\/kit\/([\w-]+)\//.exec(added.stdout)![1]!;
    const rotated = cli('rotate', 'zoe-angstrom');
    expect(rotated.status).toBe(0);
    expect(rotated.stdout).not.toContain(token);
    expect(cli('rotate', 'zoe-angstrm').stderr).toBe('referral-kit: no partner "zoe-angstrm": did you mean "zoe-angstrom"?\n');
    const invited = cli('invite', 'zoe-angstrom');
    expect(invited.status).toBe(0);
    expect(readFileSync(join(content, '..', 'outbox', 'zoe-angstrom.eml'), 'utf8')).toMatch(/^X-Unsent: 1\r\n/);
    expect(cli('check').status).toBe(0);
  });

  it('says in one line which Node.js it needs, and how to get it, before anything else', () => {
    // This Node.js, reporting an older version: what a machine with Node 20 runs into.
    const olderNode = `data:text/javascript,Object.defineProperty(process, 'versions', { value: { ...process.versions, node: '20.11.1' } })`;
    const entryPoints = [[bin, 'build'], [join(repoRoot, 'bin', 'check-node.js')]];
    for (const args of entryPoints) {
      const old = spawnSync(process.execPath, ['--import', olderNode, ...args], { encoding: 'utf8', cwd: tempDir('node20') });
      expect(old.status, args.join(' ')).toBe(1);
      expect(old.stdout).toBe('');
      expect(old.stderr.trim().split('\n')).toEqual([
        `referral-kit needs Node.js 22.12 or newer (this is 20.11.1): run \`nvm install 24\`, or get the installer from https://nodejs.org, or without either: \`npm install --prefix ~/.node24 node-${process.platform}-${process.arch}@24\` and put ~/.node24/node_modules/node-${process.platform}-${process.arch}/bin first in your PATH.`,
      ]);
    }
    expect(spawnSync(process.execPath, [join(repoRoot, 'bin', 'check-node.js')]).status).toBe(0);
  });

  it('imports nothing statically before the version check, so an older Node.js gets its words and not a SyntaxError', () => {
    // Static imports are linked before any runs: a named import that Node 20 lacks failed there.
    for (const entry of [bin, join(repoRoot, 'bin', 'check-node.js')]) {
      const statics = [...readFileSync(entry, 'utf8').matchAll(/^import\s[^(].*$/gm)].map((match) => match[0]);
      expect(statics, entry).toEqual(entry === bin ? ["import './check-node.js';"] : []);
    }
  });

  it('checks the Node.js version first in every npm script that runs Node', () => {
    const { scripts } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    for (const [name, command] of Object.entries(scripts)) {
      expect(command, name).toMatch(/^node bin\/(check-node|referral-kit)\.js\b/);
    }
  });

  it('prints its version and plain help when piped', () => {
    const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    expect(execFileSync(process.execPath, [bin, '--version'], { encoding: 'utf8' }).trim()).toBe(version);
    const help = execFileSync(process.execPath, [bin, '--help'], { encoding: 'utf8', env: { ...process.env, TEST: '' } });
    expect(help).not.toContain('\u001b[');
    expect(help).toContain('USAGE referral-kit init|add|check|preview|links|invite|rotate|build|dev');
  });
});
