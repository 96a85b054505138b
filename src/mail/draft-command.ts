/**
 * Which follow-through script each kind of to-do calls for, and the command that drafts its
 * message. Apart from src/mail/messages.ts, which fills the messages in, so that the terminal
 * report can print the commands without loading what renders scripts and composes mail.
 */
import type { Action, TodoItem } from '../ledger/report.ts';
import type { FollowThroughChannel } from '../schemas/script.ts';

/** The follow-through channel of each kind of to-do; contacting a prospect is not a message to a partner. */
export const actionChannels: Partial<Record<Action, FollowThroughChannel>> = {
  'share-outcome': 'outcome',
  thank: 'thank-you',
  'give-back': 'give-back',
  're-educate': 're-educate',
  ask: 'ask-again',
  'ask-testimonial': 'testimonial-request',
};

/** The command that drafts one to-do's message, as the terminal report prints it. */
export function draftCommand(item: TodoItem, via: 'eml' | 'imap' = 'eml'): string | undefined {
  const channel = actionChannels[item.action];
  if (!channel) return undefined;
  const who = item.prospect ?? item.partner;
  const quoted = /^[A-Za-z0-9._-]+$/.test(who) ? who : `"${who.replace(/["\\$`]/g, '\\$&')}"`;
  return `referral-kit follow-up ${quoted} --kind ${channel} --${via}`;
}
