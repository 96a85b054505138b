/** The handoff from `referral-kit build` to the Astro integration (src/integration/build-handoff.ts). */
import { afterEach, describe, expect, it } from 'vitest';
import type { ImageRun } from '../src/images/write.ts';
import {
  closeHandoff,
  contentDir,
  contentDirVariable,
  findingsShown,
  imageEnvironment,
  imageOptions,
  openHandoff,
  pageRendered,
  pageRendering,
  pagesRendered,
  readKit,
  recordBuildStats,
  takeImages,
} from '../src/integration/build-handoff.ts';
import type { LoadResult } from '../src/kit/load.ts';

const images: ImageRun = {
  deliverTo() {},
  finish: async () => ({ total: 1, rendered: 1, fromCache: 0, workers: 0, seconds: 0 }),
  cancel: async () => {},
  progress: () => ({ drawn: 0, toDraw: 0 }),
};
const reading = { content: { contentDir: '/kits/maya' }, diagnostics: [] } as unknown as LoadResult;
const saved = { ...process.env };

afterEach(() => {
  closeHandoff();
  for (const name of [contentDirVariable, ...Object.values(imageEnvironment)]) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

describe('the build handoff', () => {
  it("hands the CLI's reading, its images (once) and the page counts to the integration, then closes", async () => {
    const handoff = openHandoff({ contentDir: '/kits/maya', findingsShown: true, reading, images });
    expect(contentDir('/project')).toBe('/kits/maya');
    expect(findingsShown()).toBe(true);
    expect(await readKit('/kits/maya')).toBe(reading);
    expect(takeImages('/kits/other')).toBeUndefined();
    expect(takeImages('/kits/maya')).toBe(images);
    expect(takeImages('/kits/maya')).toBeUndefined();
    pageRendering();
    pageRendered();
    pageRendered();
    expect(pagesRendered()).toBe(2);
    recordBuildStats({ pageSeconds: 1, images: await images.finish('/out'), scripts: { compiled: 1, fromCache: 0 } });
    expect(closeHandoff()).toBe(handoff);
    expect(handoff.stats?.pagesRendered).toBe(2);
    expect(pagesRendered()).toBe(0);
  });

  it('refuses a second handoff while one is open', () => {
    openHandoff({ contentDir: '/kits/maya', findingsShown: true });
    expect(() => openHandoff({ contentDir: '/kits/other', findingsShown: true })).toThrow(/already/);
  });

  it('leaves a plain astro build to the environment, or ./content', () => {
    delete process.env[contentDirVariable];
    expect(contentDir('/project')).toBe('/project/content');
    process.env[contentDirVariable] = '/kits/maya';
    expect(contentDir('/project')).toBe('/kits/maya');
    expect(findingsShown()).toBe(false);
  });
});

describe('image options from the environment', () => {
  it('takes the number of workers, under its old name too', () => {
    delete process.env[imageEnvironment.workers];
    delete process.env[imageEnvironment.workersOldName];
    expect(imageOptions('/p').workers).toBeUndefined();
    process.env[imageEnvironment.workersOldName] = '3';
    expect(imageOptions('/p').workers).toBe(3);
    process.env[imageEnvironment.workers] = '0';
    expect(imageOptions('/p').workers).toBe(0);
    process.env[imageEnvironment.workers] = 'many';
    expect(() => imageOptions('/p')).toThrow('REFERRAL_KIT_IMAGE_WORKERS must be a number of worker processes (0 for none), not "many"');
  });
});
