// kairos service install|uninstall|status: registers `kairos run` with the OS's own service manager for this user.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { resolveDataDir } from '../../core/dataDir';
import { allowOnly, type ParsedArgs, UsageError } from '../args';
import {
  LAUNCHD_LABEL,
  launchdPlist,
  type ServiceSpec,
  SYSTEMD_UNIT_NAME,
  systemdUnit,
  taskSchedulerXml,
  WINDOWS_TASK_NAME,
} from './serviceFiles';

export interface ToolResult {
  /** The program is not installed (or not on PATH). */
  readonly missing: boolean;
  readonly status: number | null;
  readonly output: string;
}

/** Everything the command reads from the machine, so tests can give it a temporary home and a fake service manager. */
export interface ServiceMachine {
  readonly platform: NodeJS.Platform;
  readonly env: NodeJS.ProcessEnv;
  readonly home: string;
  readonly nodePath: string;
  readonly cliPath: string;
  readonly uid: number;
  readonly userName: string;
  run(program: string, args: readonly string[]): ToolResult;
}

export function thisMachine(): ServiceMachine {
  const script = process.argv[1] ?? '';
  return {
    platform: process.platform,
    env: process.env,
    home: homedir(),
    nodePath: process.execPath,
    cliPath: existsSync(script) ? realpathSync(script) : script,
    uid: process.getuid?.() ?? 0,
    userName: userInfo().username,
    run(program, args) {
      const r = spawnSync(program, [...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
      const missing = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
      return { missing, status: r.status, output: `${r.stdout ?? ''}${r.stderr ?? ''}`.trim() };
    },
  };
}

interface ServiceIO {
  out(line: string): void;
  err(line: string): void;
}

/** One OS's way of registering, removing and describing the service. */
interface ServiceManager {
  readonly file: string;
  readonly contents: (spec: ServiceSpec) => string | Buffer;
  install(io: ServiceIO): number;
  uninstall(io: ServiceIO): void;
  status(io: ServiceIO): void;
}

const shown = (r: ToolResult) => (r.output ? `: ${r.output}` : '');

function systemd(m: ServiceMachine): ServiceManager {
  const file = join(m.env.XDG_CONFIG_HOME || join(m.home, '.config'), 'systemd', 'user', SYSTEMD_UNIT_NAME);
  const systemctl = (...args: string[]) => m.run('systemctl', ['--user', ...args]);
  const manual = [
    '  systemctl --user daemon-reload',
    `  systemctl --user enable --now ${SYSTEMD_UNIT_NAME}`,
    `To keep it publishing while you are logged out: loginctl enable-linger ${m.userName}`,
  ];
  return {
    file,
    contents: systemdUnit,
    install(io) {
      const reload = systemctl('daemon-reload');
      if (reload.missing) {
        io.out(`systemctl was not found on this machine, so the service was written but not started. Where systemd runs, start it with:`);
        for (const line of manual) io.out(line);
        return 0;
      }
      const enable = reload.status === 0 ? systemctl('enable', '--now', SYSTEMD_UNIT_NAME) : reload;
      if (enable.status !== 0) {
        io.err(`systemctl could not start the service${shown(enable)}`);
        io.err('The unit file is in place; once the user service manager is reachable, run:');
        for (const line of manual) io.err(line);
        return 1;
      }
      io.out(`Started ${SYSTEMD_UNIT_NAME}; it starts again at every login. Its output: journalctl --user -u ${SYSTEMD_UNIT_NAME}`);
      io.out(manual[2] as string);
      return 0;
    },
    uninstall(io) {
      const stop = systemctl('disable', '--now', SYSTEMD_UNIT_NAME);
      if (stop.missing) io.out('systemctl was not found on this machine; if the service runs elsewhere, stop it there.');
      rmSync(file, { force: true });
      if (!stop.missing) systemctl('daemon-reload');
    },
    status(io) {
      const active = systemctl('is-active', SYSTEMD_UNIT_NAME);
      if (active.missing) io.out('systemctl was not found on this machine, so whether it runs cannot be asked.');
      else io.out(`systemd: ${active.output || 'unknown'} (enabled: ${systemctl('is-enabled', SYSTEMD_UNIT_NAME).output || 'unknown'})`);
    },
  };
}

function launchd(m: ServiceMachine): ServiceManager {
  const file = join(m.home, 'Library', 'LaunchAgents', `${LAUNCHD_LABEL}.plist`);
  const domain = `gui/${m.uid}`;
  return {
    file,
    contents: launchdPlist,
    install(io) {
      // A loaded older copy is replaced, not doubled.
      m.run('launchctl', ['bootout', `${domain}/${LAUNCHD_LABEL}`]);
      const r = m.run('launchctl', ['bootstrap', domain, file]);
      if (r.status !== 0) {
        io.err(`launchctl could not load the agent${r.missing ? ': launchctl was not found' : shown(r)}`);
        io.err(`The agent file is in place; load it with: launchctl bootstrap ${domain} "${file}"`);
        return 1;
      }
      io.out(`Loaded ${LAUNCHD_LABEL}; it starts again at every login.`);
      return 0;
    },
    uninstall() {
      m.run('launchctl', ['bootout', `${domain}/${LAUNCHD_LABEL}`]);
      rmSync(file, { force: true });
    },
    status(io) {
      const r = m.run('launchctl', ['print', `${domain}/${LAUNCHD_LABEL}`]);
      const state = /^\s*state = (.+)$/m.exec(r.output)?.[1];
      io.out(`launchd: ${r.status === 0 ? (state ?? 'loaded') : 'not loaded'}`);
    },
  };
}

function taskScheduler(m: ServiceMachine, dataDir: string): ServiceManager {
  const file = join(dataDir, 'service', 'kairos-task.xml');
  const user = m.env.USERDOMAIN && m.env.USERNAME ? `${m.env.USERDOMAIN}\\${m.env.USERNAME}` : m.userName;
  return {
    file,
    // schtasks reads task XML as UTF-16 with a byte-order mark.
    contents: (spec) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(taskSchedulerXml(spec, user), 'utf16le')]),
    install(io) {
      const create = m.run('schtasks', ['/Create', '/TN', WINDOWS_TASK_NAME, '/XML', file, '/F']);
      const start = create.status === 0 ? m.run('schtasks', ['/Run', '/TN', WINDOWS_TASK_NAME]) : create;
      if (start.status !== 0) {
        io.err(`schtasks could not register the task${start.missing ? ': schtasks was not found' : shown(start)}`);
        io.err(`Register it with: schtasks /Create /TN "${WINDOWS_TASK_NAME}" /XML "${file}" /F`);
        return 1;
      }
      io.out(`Registered the task "${WINDOWS_TASK_NAME}"; it starts again at every logon.`);
      return 0;
    },
    uninstall() {
      m.run('schtasks', ['/End', '/TN', WINDOWS_TASK_NAME]);
      m.run('schtasks', ['/Delete', '/TN', WINDOWS_TASK_NAME, '/F']);
      rmSync(file, { force: true });
    },
    status(io) {
      const r = m.run('schtasks', ['/Query', '/TN', WINDOWS_TASK_NAME, '/FO', 'LIST']);
      const state = /^Status:\s*(.+)$/m.exec(r.output)?.[1];
      io.out(`Task Scheduler: ${r.status === 0 ? (state ?? 'registered') : 'not registered'}`);
    },
  };
}

function managerFor(m: ServiceMachine, dataDir: string): ServiceManager {
  if (m.platform === 'darwin') return launchd(m);
  if (m.platform === 'win32') return taskScheduler(m, dataDir);
  return systemd(m);
}

/** kairos service install | uninstall | status */
export function commandService(sub: string | undefined, args: ParsedArgs, io: ServiceIO, m: ServiceMachine = thisMachine()): number {
  allowOnly(args, []);
  const dataDir = resolveDataDir(args.dataDir, m.env);
  const spec: ServiceSpec = { nodePath: m.nodePath, cliPath: m.cliPath, dataDir, logDir: join(dataDir, 'logs') };
  const manager = managerFor(m, dataDir);
  if (sub === 'install') {
    mkdirSync(join(dataDir, 'logs'), { recursive: true, mode: 0o700 });
    mkdirSync(join(manager.file, '..'), { recursive: true });
    writeFileSync(manager.file, manager.contents(spec), { mode: 0o600 });
    io.out(`Wrote ${manager.file}: it runs ${m.cliPath} run for ${dataDir}.`);
    return manager.install(io);
  }
  if (sub === 'uninstall') {
    if (!existsSync(manager.file)) {
      io.out(`No Kairos service is installed for this user (${manager.file} does not exist).`);
      return 0;
    }
    manager.uninstall(io);
    io.out(`Removed ${manager.file}. Scheduled posts stay in ${dataDir}; they go out when Kairos runs again.`);
    return 0;
  }
  if (sub === 'status') {
    if (!existsSync(manager.file)) {
      io.out(`Not installed (${manager.file} does not exist). Install it with "kairos service install".`);
      return 3;
    }
    const text = manager.file.endsWith('.xml') ? '' : readFileSync(manager.file, 'utf8');
    const runs = text.includes(dataDir) || manager.file.endsWith('.xml') ? dataDir : 'another data folder (see the file)';
    io.out(`Installed: ${manager.file}, publishing for ${runs}.`);
    manager.status(io);
    return 0;
  }
  throw new UsageError('service takes install, uninstall or status.');
}
