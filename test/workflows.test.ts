/** The GitHub workflows: tests run on every push, deploys wait for them, actions are pinned. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const folder = new URL('../.github/workflows/', import.meta.url);
const workflows = Object.fromEntries(
  readdirSync(folder)
    .filter((name) => name.endsWith('.yml'))
    .map((name) => [name, readFileSync(new URL(name, folder), 'utf8')]),
);

type Step = { uses?: string; run?: string };
type Workflow = { name: string; on: Record<string, unknown>; jobs: Record<string, { steps: Step[]; needs?: string; if?: string }> };
const parsed = (name: string): Workflow => parse(workflows[name]!) as Workflow;

describe('workflows', () => {
  it('pin every action to a full commit, with the release named beside it', () => {
    const uses = Object.values(workflows).flatMap((text) => [...text.matchAll(/uses:\s*(\S+)(.*)$/gm)]);
    expect(uses.length).toBeGreaterThan(0);
    for (const [, action, rest] of uses) {
      expect(action, action).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
      expect(rest, action).toMatch(/# v\d+\.\d+\.\d+/);
    }
  });

  it('run the same test command as the project CI on pushes and pull requests', () => {
    const ci = parsed('ci.yml');
    expect(Object.keys(ci.on)).toEqual(expect.arrayContaining(['push', 'pull_request']));
    const runs = Object.values(ci.jobs).flatMap((job) => job.steps.map((step) => step.run ?? ''));
    expect(runs).toContain('bash .ci/run');
  });

  it('deploy only a commit of main whose tests passed', () => {
    const deploy = parsed('deploy.yml');
    expect(deploy.on).toEqual({ workflow_run: { workflows: [parsed('ci.yml').name], types: ['completed'], branches: ['main'] } });
    const build = deploy.jobs.build!;
    expect(build.if).toContain("github.event.workflow_run.conclusion == 'success'");
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, read by GitHub
    expect(build.steps[0]).toMatchObject({ with: { ref: '${{ github.event.workflow_run.head_sha }}' } });
    expect(deploy.jobs.deploy!.needs).toBe('build');
  });
});
