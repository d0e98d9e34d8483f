import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const DOVECOT = '/usr/sbin/dovecot';

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function groupName(gid: number): string {
  const line = fs
    .readFileSync('/etc/group', 'utf8')
    .split('\n')
    .find((l) => l.split(':')[2] === String(gid));
  return line?.split(':')[0] ?? String(gid);
}

/**
 * A private Dovecot IMAP server on loopback for one test file: its own config, mail, state and log in a
 * temporary folder, one user with a plain password, no TLS. As root (CI) Dovecot refuses to run its
 * processes as root, so they run as `nobody`; otherwise as the current user.
 */
export async function startDovecot() {
  if (!fs.existsSync(DOVECOT))
    throw new Error(`${DOVECOT} is missing: install dovecot-imapd (.ci/run does) to run the IMAP tests`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verity-dovecot-'));
  fs.chmodSync(dir, 0o755);
  const asRoot = process.getuid?.() === 0;
  const uid = asRoot ? 65534 : process.getuid!();
  const gid = asRoot ? 65534 : process.getgid!();
  const user = asRoot ? 'nobody' : os.userInfo().username;
  const group = groupName(gid);
  for (const sub of ['run', 'state', 'Maildir', 'home']) fs.mkdirSync(path.join(dir, sub));
  if (asRoot) for (const sub of ['Maildir', 'home']) fs.chownSync(path.join(dir, sub), uid, gid);
  const port = await freePort();
  const login = { user: 'verity', password: 'imap-test-password' };
  fs.writeFileSync(
    path.join(dir, 'passwd'),
    `${login.user}:{PLAIN}${login.password}:${uid}:${gid}::${path.join(dir, 'home')}::\n`,
  );
  const conf = path.join(dir, 'dovecot.conf');
  fs.writeFileSync(
    conf,
    `base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
listen = 127.0.0.1
protocols = imap
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:${dir}/Maildir
default_internal_user = ${user}
default_internal_group = ${group}
default_login_user = ${user}
first_valid_uid = ${Math.min(uid, 1000)}
first_valid_gid = ${Math.min(gid, 1000)}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = passwd-file
  args = username_format=%u ${dir}/passwd
}
# No chroot: a non-root Dovecot cannot chroot, and this one serves loopback only.
service anvil {
  chroot =
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
`,
  );
  let output = '';
  const child = spawn(DOVECOT, ['-F', '-c', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const log = () => {
    const file = path.join(dir, 'dovecot.log');
    return `${output}${fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : ''}`;
  };
  const deadline = Date.now() + 20_000;
  while (!(await accepts(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Dovecot did not start:\n${log()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port,
    ...login,
    /** IMAP_URL for Verity. */
    url: `imap://${login.user}:${login.password}@127.0.0.1:${port}/INBOX`,
    log,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
export type Dovecot = Awaited<ReturnType<typeof startDovecot>>;
