/**
 * Real mail servers on 127.0.0.1 for the delivery tests: an SMTP server in this process (the
 * `smtp-server` package, which speaks the protocol as a real one does, with faults to inject),
 * and Debian's Dovecot for IMAP, started with its own configuration in a temporary folder and
 * stopped after. Nothing listens beyond this computer.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import { tempDir } from './fixtures.ts';

export async function freePort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface ReceivedMessage {
  envelopeTo: string[];
  raw: Buffer;
  mail: ParsedMail;
}

/**
 * What the server does to the message about to be the (n+1)th accepted one, counted from 0:
 * drop the connection, reply 421 or 452, or reject a recipient.
 */
export interface SmtpFaults {
  /** Close the connection instead of taking the message after this many were accepted. */
  dropAfter?: number | undefined;
  /** Reply with this code (421, 452…) instead of taking the message after this many. */
  replyAfter?: { accepted: number; code: number; message: string } | undefined;
  /** Refuse these recipients with 550. */
  rejectRecipients?: string[] | undefined;
}

export interface SmtpTestServer {
  port: number;
  user: string;
  password: string;
  received: ReceivedMessage[];
  faults: SmtpFaults;
  close(): Promise<void>;
}

export async function startSmtpServer(faults: SmtpFaults = {}): Promise<SmtpTestServer> {
  const user = 'maya@example.com';
  const password = 'correct horse battery staple';
  const received: ReceivedMessage[] = [];
  const state: SmtpTestServer = { port: 0, user, password, received, faults, close: async () => {} };
  const server = new SMTPServer({
    // Plain text is fine on 127.0.0.1; the client allows it only for localhost.
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === user && auth.password === password) callback(null, { user });
      else callback(Object.assign(new Error('Authentication credentials invalid'), { responseCode: 535 }));
    },
    onMailFrom(_address, session: SMTPServerSession, callback) {
      const { dropAfter, replyAfter } = state.faults;
      if (dropAfter !== undefined && received.length >= dropAfter) {
        // The connection is cut mid-conversation, as a server restarting would.
        const connections = (server as unknown as { connections: Set<{ session?: { id: string }; _socket: { destroy(): void } }> }).connections;
        for (const connection of connections) if (connection.session?.id === session.id) connection._socket.destroy();
        return;
      }
      if (replyAfter && received.length >= replyAfter.accepted) {
        callback(Object.assign(new Error(replyAfter.message), { responseCode: replyAfter.code }));
        return;
      }
      callback();
    },
    onRcptTo(address, _session, callback) {
      if (state.faults.rejectRecipients?.includes(address.address.toLowerCase())) {
        callback(Object.assign(new Error('No such user here'), { responseCode: 550 }));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (mail) => {
            received.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), raw, mail });
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  // The server's sessions end with a socket error when a fault cuts them; that is the point.
  server.on('error', () => {});
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  state.port = port;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}

export interface DovecotServer {
  port: number;
  user: string;
  password: string;
  dir: string;
  stop(): Promise<void>;
}

/** Dovecot on 127.0.0.1 and a free port, one user, maildir storage in a temporary folder. */
export async function startDovecot(): Promise<DovecotServer> {
  const dir = tempDir('dovecot');
  const user = 'maya@example.com';
  const password = 'imap test password';
  for (const sub of ['run', 'state', 'mail', 'home']) mkdirSync(join(dir, sub), { recursive: true });
  // Dovecot's auth process runs as its own user: it must be able to reach the (test-only) password file.
  chmodSync(dir, 0o711);
  writeFileSync(join(dir, 'passwd'), `${user}:{PLAIN}${password}\n`, { mode: 0o644 });
  const port = await freePort();
  // Dovecot refuses to deliver as root: as root, the mail belongs to `nobody`.
  const root = process.getuid?.() === 0;
  const uid = root ? 65534 : (process.getuid?.() ?? 65534);
  const gid = root ? 65534 : (process.getgid?.() ?? 65534);
  if (root) for (const sub of ['mail', 'home']) chownSync(join(dir, sub), uid, gid);
  const config = `
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
info_log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:${dir}/mail/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${uid} gid=${gid} home=${dir}/home/%u
}
namespace inbox {
  inbox = yes
  mailbox Drafts {
    special_use = \\Drafts
    auto = create
  }
  mailbox Sent {
    special_use = \\Sent
    auto = create
  }
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
  chroot =
}
service anvil {
  chroot =
}
`;
  const configFile = join(dir, 'dovecot.conf');
  writeFileSync(configFile, config);
  const child: ChildProcess = spawn('/usr/sbin/dovecot', ['-F', '-c', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  // Ready when the port answers with a greeting; bounded at about 10 seconds.
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) throw new Error(`dovecot exited: ${output}${existsSync(join(dir, 'dovecot.log')) ? readFileSync(join(dir, 'dovecot.log'), 'utf8') : ''}`);
    if (await greets(port)) break;
    if (attempt > 100) {
      child.kill('SIGKILL');
      throw new Error(`dovecot did not start: ${output}`);
    }
    await sleep(100);
  }
  return {
    port,
    user,
    password,
    dir,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(5000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

async function greets(port: number): Promise<boolean> {
  const { connect } = await import('node:net');
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('data', (data) => done(data.toString().startsWith('* OK')));
    socket.once('error', () => done(false));
    socket.setTimeout(1000, () => done(false));
  });
}
