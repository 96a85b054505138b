/**
 * The owner's mail account: where `follow-up` and `invite` deliver from. The addresses come from
 * REFERRAL_KIT_SMTP_URL / REFERRAL_KIT_IMAP_URL or a settings file outside the content folder;
 * the passwords only from REFERRAL_KIT_SMTP_PASSWORD / REFERRAL_KIT_IMAP_PASSWORD. Mail travels
 * encrypted (implicit TLS, or STARTTLS that must succeed) except to this computer itself.
 */
import { existsSync, realpathSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, relative, resolve, isAbsolute } from 'node:path';
import { displayPath, formatDiagnostic } from '../kit/diagnostics.ts';
import { parseYaml, validateYaml } from '../kit/yaml-source.ts';
import { mailSettingsSchema, type MailSettings } from '../schemas/mail-settings.ts';
import { mailSentences } from './default-messages.ts';

export interface MailEndpoint {
  host: string;
  port: number;
  /** TLS from the first byte (ports 465 and 993, or an smtps:/imaps: address). */
  secure: boolean;
  /** Plain connection that must upgrade with STARTTLS before anything is sent. */
  requireTLS: boolean;
  user: string;
  password: string | undefined;
}

export interface MailAccount {
  settings: MailSettings;
  /** The settings file read, if any. */
  settingsFile: string | undefined;
  smtp: MailEndpoint | undefined;
  imap: MailEndpoint | undefined;
}

/** Where the settings file is looked for when no other is named: the user's config folder. */
export function defaultSettingsFile(env: NodeJS.ProcessEnv = process.env): string {
  const config = env.XDG_CONFIG_HOME?.trim() || join(homedir(), '.config');
  return join(config, 'referral-kit', 'mail.yaml');
}

function realPath(path: string): string {
  // A file that does not exist yet is compared by its folder's real path.
  if (existsSync(path)) return realpathSync(path);
  const parent = dirname(path);
  return parent === path ? path : join(realPath(parent), path.slice(parent.length + 1));
}

/** True when `file` is inside `folder`, comparing real paths (a symbolic link counts where it points). */
export function isInside(file: string, folder: string): boolean {
  const rel = relative(realPath(resolve(folder)), realPath(resolve(file)));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

const localHosts = /^(localhost|127(?:\.\d{1,3}){3}|\[?::1\]?)$/i;

export function isLocalHost(host: string): boolean {
  return localHosts.test(host);
}

/** An smtp(s):/imap(s): address as connection settings; a problem in the owner's words otherwise. */
export function parseEndpoint(protocol: 'smtp' | 'imap', value: string, password: string | undefined, variable: string): MailEndpoint | { problem: string } {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return { problem: mailSentences.notAnAddress(variable, protocol) };
  }
  const scheme = url.protocol.replace(/:$/, '');
  if (scheme !== protocol && scheme !== `${protocol}s`) return { problem: mailSentences.wrongScheme(variable, protocol) };
  if (url.password) return { problem: mailSentences.passwordInUrl(variable) };
  const implicitPort = protocol === 'smtp' ? 465 : 993;
  const port = url.port ? Number(url.port) : scheme.endsWith('s') ? implicitPort : protocol === 'smtp' ? 587 : 143;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const secure = scheme.endsWith('s') || port === implicitPort;
  if (!host) return { problem: mailSentences.noHost(variable) };
  return { host, port, secure, requireTLS: !secure && !isLocalHost(host), user: decodeURIComponent(url.username), password };
}

/** Reads the account: settings file, then the environment, which wins. */
export async function loadMailAccount(contentDir: string, options: { settingsFile?: string | undefined; env?: NodeJS.ProcessEnv } = {}): Promise<MailAccount | { problems: string[] }> {
  const env = options.env ?? process.env;
  const named = options.settingsFile ?? env.REFERRAL_KIT_MAIL_SETTINGS?.trim();
  const file = named ? resolve(named) : defaultSettingsFile(env);
  const problems: string[] = [];
  let settings = mailSettingsSchema.parse({});
  let settingsFile: string | undefined;
  if (existsSync(file)) {
    if (isInside(file, contentDir)) {
      return { problems: [`${displayPath(file)}: ${mailSentences.secretInContent}`] };
    }
    const parsed = parseYaml(file, await readFile(file, 'utf8'));
    const validated = validateYaml(parsed, mailSettingsSchema);
    if (!validated.data) return { problems: validated.diagnostics.map((d) => formatDiagnostic(d)) };
    settings = validated.data;
    settingsFile = file;
  } else if (named) {
    return { problems: [mailSentences.settingsNotFound(displayPath(file))] };
  }
  const endpoint = (protocol: 'smtp' | 'imap') => {
    const variable = `REFERRAL_KIT_${protocol.toUpperCase()}_URL`;
    const value = env[variable]?.trim() || settings[`${protocol}_url`];
    if (!value) return undefined;
    const parsed = parseEndpoint(protocol, value, env[`REFERRAL_KIT_${protocol.toUpperCase()}_PASSWORD`], env[variable]?.trim() ? variable : `${protocol}_url`);
    if ('problem' in parsed) {
      problems.push(parsed.problem);
      return undefined;
    }
    return parsed;
  };
  const smtp = endpoint('smtp');
  const imap = endpoint('imap');
  if (problems.length) return { problems };
  return { settings, settingsFile, smtp, imap };
}
