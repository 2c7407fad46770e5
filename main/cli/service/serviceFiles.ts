// The files that make `kairos run` a service: a systemd user unit, a launchd agent, a Task Scheduler task. Pure text.

/** What the service runs: the same node and kairos script the user ran, on the same data folder. */
export interface ServiceSpec {
  readonly nodePath: string;
  readonly cliPath: string;
  readonly dataDir: string;
  /** Where launchd writes the process's stdout and stderr (systemd has the journal; Windows has none). */
  readonly logDir: string;
}

export const SYSTEMD_UNIT_NAME = 'kairos.service';
export const LAUNCHD_LABEL = 'app.kairos.publisher';
export const WINDOWS_TASK_NAME = 'Kairos Publisher';

/** How long a stopping service may take: one publish attempt's deadline (100 s) plus recording it. */
export const STOP_TIMEOUT_SECONDS = 150;

export function serviceArgs(spec: ServiceSpec): readonly string[] {
  return [spec.cliPath, '--data-dir', spec.dataDir, 'run'];
}

/** systemd.service(5) quoting: each word in double quotes, `\` and `"` escaped, `%` and `$` doubled so nothing expands. */
function systemdWord(word: string): string {
  const escaped = word.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/%/g, '%%').replace(/\$/g, '$$$$');
  return `"${escaped}"`;
}

/** A line that says where a path came from must not be able to end the line it sits on. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}

export function systemdUnit(spec: ServiceSpec): string {
  const exec = [spec.nodePath, ...serviceArgs(spec)].map(systemdWord).join(' ');
  return [
    '# Written by "kairos service install"; remove it with "kairos service uninstall".',
    '[Unit]',
    `Description=Kairos publisher for ${oneLine(spec.dataDir).replace(/%/g, '%%')}`,
    '',
    '[Service]',
    'Type=simple',
    oneLine(`ExecStart=${exec}`),
    'StandardInput=null',
    // Kairos drains what is in flight on SIGTERM and exits 0; a crash is restarted after a pause.
    'KillSignal=SIGTERM',
    `TimeoutStopSec=${STOP_TIMEOUT_SECONDS}`,
    'Restart=on-failure',
    'RestartSec=10',
    'UMask=0077',
    '',
    '[Install]',
    'WantedBy=default.target',
    '',
  ].join('\n');
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

export function launchdPlist(spec: ServiceSpec): string {
  const args = [spec.nodePath, ...serviceArgs(spec)].map((a) => `    <string>${xml(a)}</string>`);
  const logs = (name: string) => xml(`${spec.logDir.replace(/[/\\]+$/, '')}/${name}`);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<plist version="1.0">',
    '<dict>',
    '  <key>Label</key>',
    `  <string>${LAUNCHD_LABEL}</string>`,
    '  <key>ProgramArguments</key>',
    '  <array>',
    ...args,
    '  </array>',
    '  <key>RunAtLoad</key>',
    '  <true/>',
    // Restarted after a crash, not after a clean stop.
    '  <key>KeepAlive</key>',
    '  <dict>',
    '    <key>SuccessfulExit</key>',
    '    <false/>',
    '  </dict>',
    '  <key>ExitTimeOut</key>',
    `  <integer>${STOP_TIMEOUT_SECONDS}</integer>`,
    '  <key>ProcessType</key>',
    '  <string>Background</string>',
    '  <key>Umask</key>',
    '  <integer>63</integer>',
    '  <key>StandardInPath</key>',
    '  <string>/dev/null</string>',
    '  <key>StandardOutPath</key>',
    `  <string>${logs('service.out.log')}</string>`,
    '  <key>StandardErrorPath</key>',
    `  <string>${logs('service.err.log')}</string>`,
    '</dict>',
    '</plist>',
    '',
  ].join('\n');
}

/** A Windows command-line argument, quoted by the rules CommandLineToArgvW reads back. */
export function windowsArg(arg: string): string {
  if (arg !== '' && !/[\s"]/.test(arg)) return arg;
  let out = '"';
  let slashes = 0;
  for (const ch of arg) {
    if (ch === '\\') {
      slashes++;
      continue;
    }
    out += ch === '"' ? `${'\\'.repeat(slashes * 2 + 1)}"` : `${'\\'.repeat(slashes)}${ch}`;
    slashes = 0;
  }
  return `${out}${'\\'.repeat(slashes * 2)}"`;
}

/** Task Scheduler XML (schtasks /Create /XML): starts at logon, never times out, restarts after a failure. */
export function taskSchedulerXml(spec: ServiceSpec, userId: string): string {
  return [
    '<?xml version="1.0" encoding="UTF-16"?>',
    '<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">',
    '  <RegistrationInfo>',
    `    <Description>Publishes the posts Kairos scheduled in ${xml(spec.dataDir)}.</Description>`,
    '  </RegistrationInfo>',
    '  <Triggers>',
    '    <LogonTrigger>',
    '      <Enabled>true</Enabled>',
    `      <UserId>${xml(userId)}</UserId>`,
    '    </LogonTrigger>',
    '  </Triggers>',
    '  <Principals>',
    '    <Principal id="Author">',
    `      <UserId>${xml(userId)}</UserId>`,
    '      <LogonType>InteractiveToken</LogonType>',
    '      <RunLevel>LeastPrivilege</RunLevel>',
    '    </Principal>',
    '  </Principals>',
    '  <Settings>',
    '    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>',
    '    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>',
    '    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>',
    '    <StartWhenAvailable>true</StartWhenAvailable>',
    '    <ExecutionTimeLimit>PT0S</ExecutionTimeLimit>',
    '    <RestartOnFailure>',
    '      <Interval>PT1M</Interval>',
    '      <Count>999</Count>',
    '    </RestartOnFailure>',
    '    <Hidden>true</Hidden>',
    '  </Settings>',
    '  <Actions Context="Author">',
    '    <Exec>',
    `      <Command>${xml(spec.nodePath)}</Command>`,
    `      <Arguments>${xml(serviceArgs(spec).map(windowsArg).join(' '))}</Arguments>`,
    '    </Exec>',
    '  </Actions>',
    '</Task>',
    '',
  ].join('\r\n');
}
