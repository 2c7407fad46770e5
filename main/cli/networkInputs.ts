// `kairos accounts add telegram|nostr …`: options read into connect input, secrets from files rather than the command line.

import type { ConnectInput } from '../../shared/contract';
import { allowOnly, one, type ParsedArgs, requireOne, UsageError } from './args';
import { type ReadStdin, secretOption } from './secretInput';

export async function telegramInput(args: ParsedArgs, readStdin: ReadStdin): Promise<ConnectInput> {
  allowOnly(args, ['name', 'token', 'token-file', 'chat', 'silent', 'api-base']);
  const botToken = await secretOption(args, 'token', 'the bot token from @BotFather', readStdin);
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

export async function nostrInput(args: ParsedArgs, readStdin: ReadStdin): Promise<ConnectInput> {
  allowOnly(args, ['name', 'key', 'nsec-file', 'bunker', 'relays', 'min-relay-oks', 'media-server']);
  const key = one(args, 'key') ?? (one(args, 'nsec-file') ? 'nsec' : one(args, 'bunker') ? 'bunker' : undefined);
  if (key !== 'new' && key !== 'nsec' && key !== 'bunker') {
    throw new UsageError('--key is required: new (Kairos makes one), nsec (with --nsec-file FILE) or bunker (with --bunker URL).');
  }
  const min = one(args, 'min-relay-oks');
  if (key === 'nsec' && one(args, 'nsec-file') === undefined) {
    throw new UsageError('--nsec-file is required: a file holding the nsec1… key (- reads standard input).');
  }
  const nsec = key === 'nsec' ? await secretOption(args, 'nsec', 'the secret key (nsec1…)', readStdin) : null;
  if (min !== undefined && !/^\d{1,2}$/.test(min)) throw new UsageError('--min-relay-oks takes a number of relays, e.g. 2.');
  return {
    platform: 'nostr',
    name: requireOne(args, 'name', 'a name for the account'),
    key,
    ...(nsec !== null ? { nsec } : {}),
    ...(key === 'bunker' ? { bunkerUrl: requireOne(args, 'bunker', 'the bunker:// URL of the remote signer') } : {}),
    relays: requireOne(args, 'relays', 'the relays, comma-separated: wss://relay.damus.io,wss://nos.lol'),
    ...(min !== undefined ? { minRelayOks: Number(min) } : {}),
    ...(one(args, 'media-server') ? { mediaServer: one(args, 'media-server') as string } : {}),
  };
}
