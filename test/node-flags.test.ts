/** The flags a child process needs to load our TypeScript (src/kit/node-flags.ts), by Node version. */
import { describe, expect, it } from 'vitest';
import { typeScriptFlagsFor } from '../src/kit/node-flags.ts';

describe('type stripping in a child process', () => {
  it('needs the flag before Node 22.18 (and 23.6), and none from then on', () => {
    const needs = ['--experimental-strip-types', '--disable-warning=ExperimentalWarning'];
    expect(typeScriptFlagsFor('22.12.0')).toEqual(needs);
    expect(typeScriptFlagsFor('22.17.1')).toEqual(needs);
    expect(typeScriptFlagsFor('23.5.0')).toEqual(needs);
    expect(typeScriptFlagsFor('22.18.0')).toEqual([]);
    expect(typeScriptFlagsFor('23.6.0')).toEqual([]);
    expect(typeScriptFlagsFor('24.22.3')).toEqual([]);
    expect(typeScriptFlagsFor('25.0.0')).toEqual([]);
  });
});
