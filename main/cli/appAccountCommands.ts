// `kairos accounts add linkedin|x`: the browser sign-in with the user's own app, waited for on the command line.

import type { Backend } from '../core/backend';
import { LINKEDIN_DEFAULT_PORT } from '../platforms/linkedin/config';
import { X_DEFAULT_PORT } from '../platforms/x/config';
import { allowOnly, one, type ParsedArgs, requireOne, UsageError } from './args';
import { accountLine } from './format';
import type { CliIO } from './io';
import { readProcessStdin, secretOption } from './secretInput';

const FINAL = ['connected', 'failed', 'cancelled', 'expired'];

function portOf(args: ParsedArgs, fallback: number): number {
  const raw = one(args, 'port');
  if (raw === undefined) return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`--port takes a port number (1–65535), not "${raw}".`);
  return port;
}

async function clientSecretOf(args: ParsedArgs, io: CliIO): Promise<string> {
  requireOne(args, 'client-secret-file', "a file holding your app's client secret (- reads standard input)");
  return secretOption(args, 'client-secret', "your app's client secret", io.readStdin ?? readProcessStdin);
}

export async function addAppAccount(b: Backend, platform: 'linkedin' | 'x', args: ParsedArgs, io: CliIO): Promise<void> {
  allowOnly(
    args,
    platform === 'linkedin' ? ['name', 'client-id', 'client-secret-file', 'port', 'server'] : ['name', 'client-id', 'port', 'server'],
  );
  const clientId = requireOne(args, 'client-id', "your app's client id");
  const name = one(args, 'name');
  const server = one(args, 'server');
  const common = { clientId, ...(name ? { name } : {}), ...(server ? { server } : {}) };
  const begun =
    platform === 'linkedin'
      ? await b.call('linkedin.beginOAuth', {
          ...common,
          port: portOf(args, LINKEDIN_DEFAULT_PORT),
          // Read from a file (or standard input) so the secret stays out of the shell history and the process list.
          clientSecret: await clientSecretOf(args, io),
        })
      : await b.call('x.beginOAuth', { ...common, port: portOf(args, X_DEFAULT_PORT) });
  const channel = platform === 'linkedin' ? 'linkedin.oauthStatus' : 'x.oauthStatus';
  io.err(`Open this page in your browser and approve Kairos (the app must list ${begun.redirectUri} as a redirect URL):`);
  io.out(begun.authorizeUrl);
  let stopped = false;
  void io.stopSignal?.then(() => {
    stopped = true;
  });
  for (;;) {
    const s = await b.call(channel, { flowId: begun.flowId });
    if (stopped && !FINAL.includes(s.state)) {
      await b.call(platform === 'linkedin' ? 'linkedin.cancelOAuth' : 'x.cancelOAuth', { flowId: begun.flowId });
      throw new UsageError('Sign-in cancelled.');
    }
    if (s.state === 'connected' && s.account) {
      io.out(args.json ? JSON.stringify(s.account, null, 2) : `Connected ${accountLine(s.account)}`);
      return;
    }
    if (FINAL.includes(s.state)) throw new UsageError(s.message ?? `The sign-in ended (${s.state}).`);
    await new Promise((r) => setTimeout(r, 300));
  }
}
