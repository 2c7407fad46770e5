// English strings of the Telegram and Nostr connect forms and previews; merged into the one dictionary in en.ts.

export const networksEn = {
  telegram: {
    connect: 'Connect Telegram',
    explainTitle: 'Posts go out through your own bot.',
    explain:
      'In Telegram, talk to @BotFather, send /newbot and copy the token it gives you. Add the bot to your channel as an administrator allowed to post (or to your group), then paste the token here.',
    namePlaceholder: 'e.g. Brand on Telegram',
    token: 'Bot token',
    tokenHint: 'Looks like 123456789:AAH…. Stored encrypted, never shown again.',
    tokenFile: 'Read the token from a file',
    findChats: 'Find the bot’s chats',
    finding: 'Looking…',
    foundNone: 'The bot has not seen any channel or group in the last 24 hours. Post something in the chat, or type its @name below.',
    foundChats: (bot: string, n: number) => `@${bot} is in ${n === 1 ? '1 chat' : `${n} chats`}.`,
    pickChat: 'Chat',
    chat: 'Channel or group',
    chatHint: '@channelname, a t.me link, or a chat id such as -1001234567890.',
    silent: 'Post silently (readers get no notification sound)',
    apiBase: 'Bot API server (optional)',
    apiBaseHint: 'Only for a self-hosted Bot API server; leave empty for api.telegram.org.',
    channelLabel: 'channel',
    silentPost: 'Send to Telegram without a notification sound',
  },
  nostr: {
    connect: 'Connect Nostr',
    explainTitle: 'Your key signs every note.',
    explain:
      'Kairos can make a new key for the brand, use one you paste, or ask a remote signer (NIP-46 “bunker”) to sign, so the key never enters Kairos.',
    namePlaceholder: 'e.g. Brand on Nostr',
    keyChoice: 'Key',
    keys: { new: 'Make a new key', nsec: 'Use my secret key (nsec)', bunker: 'Use a remote signer (bunker)' },
    nsec: 'Secret key',
    nsecHint: 'nsec1… from your Nostr app’s key backup. Stored encrypted, never shown again.',
    bunkerUrl: 'Bunker URL',
    bunkerUrlHint: 'bunker://… from your signer app (nsec.app, Amber, a hardware signer). Approve Kairos there.',
    relays: 'Relays',
    relaysHint: 'One per line, e.g. wss://relay.damus.io. If your key has a relay list (NIP-65), Kairos uses its write relays.',
    minRelayOks: 'Relays that must accept a note (optional)',
    minRelayOksHint: 'A note counts as published once this many relays said OK; a majority when empty.',
  },
};
