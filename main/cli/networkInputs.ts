// `kairos accounts add telegram|nostr …`: options read into connect input, secrets from files rather than the command line.

import { readFileSync } from 'node:fs';
import type { ConnectInput } from '../../shared/contract';
import { allowOnly, one, type ParsedArgs, requireOne, UsageError } from './args';

/** The first line of a file holding a secret; a missing or empty file is said plainly. */
function secretFromFile(path: string, what: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`Cannot read ${what} from ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`);
  }
  const line = text
    .split(/\r?\n/)
    .find((l) => l.trim() !== '')
    ?.trim();
  if (!line) throw new UsageError(`${path} is empty; it should hold ${what} on its first line.`);
  return line;
}

export function telegramInput(args: ParsedArgs): ConnectInput {
  allowOnly(args, ['name', 'token', 'token-file', 'chat', 'silent', 'api-base']);
  const file = one(args, 'token-file');
  const pasted = one(args, 'token');
  if (file && pasted) throw new UsageError('Give the bot token once: --token or --token-file.');
  const botToken = file
    ? secretFromFile(file, 'the bot token')
    : requireOne(args, 'token-file', 'a file holding the bot token from @BotFather (or --token T)');
  const chat = requireOne(args, 'chat', 'the channel or group: @channelname or a chat id like -1001234567890');
  const apiBase = one(args, 'api-base');
  return {
    platform: 'telegram',
    name: one(args, 'name') ?? chat,
    botToken,
    chat,
    silent: args.options.has('silent'),
    ...(apiBase ? { apiBase } : {}),
  };
}

export function nostrInput(args: ParsedArgs): ConnectInput {
  allowOnly(args, ['name', 'key', 'nsec-file', 'bunker', 'relays', 'min-relay-oks']);
  const key = one(args, 'key') ?? (one(args, 'nsec-file') ? 'nsec' : one(args, 'bunker') ? 'bunker' : undefined);
  if (key !== 'new' && key !== 'nsec' && key !== 'bunker') {
    throw new UsageError('--key is required: new (Kairos makes one), nsec (with --nsec-file FILE) or bunker (with --bunker URL).');
  }
  const min = one(args, 'min-relay-oks');
  if (min !== undefined && !/^\d{1,2}$/.test(min)) throw new UsageError('--min-relay-oks takes a number of relays, e.g. 2.');
  return {
    platform: 'nostr',
    name: requireOne(args, 'name', 'a name for the account'),
    key,
    ...(key === 'nsec' ? { nsec: secretFromFile(requireOne(args, 'nsec-file', 'a file holding the nsec1… key'), 'the secret key') } : {}),
    ...(key === 'bunker' ? { bunkerUrl: requireOne(args, 'bunker', 'the bunker:// URL of the remote signer') } : {}),
    relays: requireOne(args, 'relays', 'the relays, comma-separated: wss://relay.damus.io,wss://nos.lol'),
    ...(min !== undefined ? { minRelayOks: Number(min) } : {}),
  };
}
