// The service files for each OS, as text: what runs, on which data folder, and that odd paths cannot break out.

import { describe, expect, it } from 'vitest';
import {
  LAUNCHD_LABEL,
  launchdPlist,
  type ServiceSpec,
  STOP_TIMEOUT_SECONDS,
  systemdUnit,
  taskSchedulerXml,
  windowsArg,
} from './serviceFiles';

const linux: ServiceSpec = {
  nodePath: '/usr/bin/node',
  cliPath: '/opt/kairos/dist/main/cli.js',
  dataDir: '/home/ana/Kairos data',
  logDir: '/home/ana/Kairos data/logs',
};

describe('systemd user unit', () => {
  it('runs the same node and kairos script on the same data folder, stops with SIGTERM and restarts after a crash', () => {
    const unit = systemdUnit(linux);
    expect(unit).toContain('ExecStart="/usr/bin/node" "/opt/kairos/dist/main/cli.js" "--data-dir" "/home/ana/Kairos data" "run"\n');
    expect(unit).toMatch(/^\[Service\]$/m);
    expect(unit).toMatch(/^Type=simple$/m);
    expect(unit).toMatch(/^KillSignal=SIGTERM$/m);
    expect(unit).toMatch(new RegExp(`^TimeoutStopSec=${STOP_TIMEOUT_SECONDS}$`, 'm'));
    expect(unit).toMatch(/^Restart=on-failure$/m);
    expect(unit).toMatch(/^StandardInput=null$/m);
    expect(unit).toMatch(/^\[Install\]\nWantedBy=default\.target$/m);
  });

  it('quotes what systemd would expand or split: quotes, backslashes, % specifiers, $ variables, newlines', () => {
    const unit = systemdUnit({ ...linux, dataDir: '/data/100%"quoted"\\$HOME\nExecStartPre=/bin/rm' });
    const exec = unit.split('\n').filter((l) => l.startsWith('ExecStart'));
    expect(exec).toHaveLength(1);
    expect(exec[0]).toContain('"/data/100%%\\"quoted\\"\\\\$$HOME ExecStartPre=/bin/rm"');
    expect(unit).not.toMatch(/^ExecStartPre/m);
  });
});

describe('launchd agent', () => {
  const mac: ServiceSpec = {
    nodePath: '/opt/homebrew/bin/node',
    cliPath: '/Users/ana/kairos/dist/main/cli.js',
    dataDir: '/Users/ana/Library/Application Support/Kairos',
    logDir: '/Users/ana/Library/Application Support/Kairos/logs',
  };

  it('lists the program and its arguments, loads at login and restarts only after a failure', () => {
    const plist = launchdPlist(mac);
    expect(plist).toContain(`<key>Label</key>\n  <string>${LAUNCHD_LABEL}</string>`);
    expect(plist).toContain(
      [
        '  <array>',
        '    <string>/opt/homebrew/bin/node</string>',
        '    <string>/Users/ana/kairos/dist/main/cli.js</string>',
        '    <string>--data-dir</string>',
        '    <string>/Users/ana/Library/Application Support/Kairos</string>',
        '    <string>run</string>',
        '  </array>',
      ].join('\n'),
    );
    expect(plist).toContain('<key>RunAtLoad</key>\n  <true/>');
    expect(plist).toContain('<key>KeepAlive</key>\n  <dict>\n    <key>SuccessfulExit</key>\n    <false/>');
    expect(plist).toContain('<string>/Users/ana/Library/Application Support/Kairos/logs/service.err.log</string>');
  });

  it('escapes XML in paths', () => {
    const plist = launchdPlist({ ...mac, dataDir: '/Users/ana/<Tom & "Jerry">' });
    expect(plist).toContain('<string>/Users/ana/&lt;Tom &amp; &quot;Jerry&quot;&gt;</string>');
    expect(plist).not.toContain('<Tom');
  });
});

describe('Task Scheduler task', () => {
  const win: ServiceSpec = {
    nodePath: 'C:\\Program Files\\nodejs\\node.exe',
    cliPath: 'C:\\Users\\Ana\\kairos\\dist\\main\\cli.js',
    dataDir: 'C:\\Users\\Ana\\AppData\\Roaming\\Kairos',
    logDir: 'C:\\Users\\Ana\\AppData\\Roaming\\Kairos\\logs',
  };

  it('starts node with the kairos script at logon, never times out, and restarts after a failure', () => {
    const task = taskSchedulerXml(win, 'HOME\\Ana');
    expect(task.startsWith('<?xml version="1.0" encoding="UTF-16"?>\r\n')).toBe(true);
    expect(task).toContain('<LogonTrigger>\r\n      <Enabled>true</Enabled>\r\n      <UserId>HOME\\Ana</UserId>');
    expect(task).toContain('<Command>C:\\Program Files\\nodejs\\node.exe</Command>');
    expect(task).toContain(
      '<Arguments>C:\\Users\\Ana\\kairos\\dist\\main\\cli.js --data-dir C:\\Users\\Ana\\AppData\\Roaming\\Kairos run</Arguments>',
    );
    expect(task).toContain('<ExecutionTimeLimit>PT0S</ExecutionTimeLimit>');
    expect(task).toContain('<DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>');
    expect(task).toContain('<RestartOnFailure>');
  });

  it('quotes arguments the way Windows splits them back', () => {
    expect(windowsArg('plain')).toBe('plain');
    expect(windowsArg('C:\\My Data\\')).toBe('"C:\\My Data\\\\"');
    expect(windowsArg('say "hi"')).toBe('"say \\"hi\\""');
    expect(windowsArg('')).toBe('""');
    const task = taskSchedulerXml({ ...win, dataDir: 'C:\\Users\\Ana\\My Kairos & co' }, 'Ana');
    expect(task).toContain('--data-dir &quot;C:\\Users\\Ana\\My Kairos &amp; co&quot; run</Arguments>');
  });
});
