import { describe, expect, it } from 'vitest';
import { scriptsFor } from '../src/kit/script-selection.ts';
import { scriptSchema, type ScriptInput } from '../src/schemas/script.ts';

const script = (id: string, data: Omit<ScriptInput, 'title'>) => ({ id, data: scriptSchema.parse({ title: id, ...data }) });

const scripts = [
  script('phone', { channel: 'phone' }),
  script('email', { channel: 'email-intro' }),
  script('email-client', { channel: 'email-intro', categories: ['client', 'former-client'] }),
  script('text-b', { channel: 'text', order: 2 }),
  script('text-a', { channel: 'text', order: 1 }),
  script('invite', { channel: 'invite' }),
];

describe('scriptsFor', () => {
  it('gives every partner the general scripts, in channel order, then by order', () => {
    expect(scriptsFor(scripts, 'colleague').map((s) => s.id)).toEqual(['email', 'phone', 'text-a', 'text-b', 'invite']);
  });

  it('replaces the general script of a channel with the variant for the partner\'s category', () => {
    expect(scriptsFor(scripts, 'client').map((s) => s.id)).toEqual(['email-client', 'phone', 'text-a', 'text-b', 'invite']);
    expect(scriptsFor(scripts, 'former-client').map((s) => s.id)).toContain('email-client');
  });

  it('leaves out variants for other categories, even when no general script exists', () => {
    const onlyVariant = [script('linkedin-coi', { channel: 'linkedin', categories: ['center-of-influence'] })];
    expect(scriptsFor(onlyVariant, 'client')).toEqual([]);
    expect(scriptsFor(onlyVariant, 'center-of-influence').map((s) => s.id)).toEqual(['linkedin-coi']);
  });
});
