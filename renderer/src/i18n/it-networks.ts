// Italian strings of the Telegram and Nostr connect forms and previews; merged into the one Italian dictionary in it.ts.

import type { networksEn } from './en-networks';

export const networksIt: typeof networksEn = {
  telegram: {
    connect: 'Collega Telegram',
    explainTitle: 'I post escono tramite il tuo bot.',
    explain:
      'In Telegram scrivi a @BotFather, invia /newbot e copia il token che ti dà. Aggiungi il bot al tuo canale come amministratore con il permesso di pubblicare (o al tuo gruppo), poi incolla qui il token.',
    namePlaceholder: 'es. Brand su Telegram',
    token: 'Token del bot',
    tokenHint: 'Ha la forma 123456789:AAH…. Viene conservato cifrato e non viene più mostrato.',
    tokenFile: 'Leggi il token da un file',
    findChats: 'Trova le chat del bot',
    finding: 'Ricerca…',
    foundNone: 'Il bot non ha visto canali o gruppi nelle ultime 24 ore. Scrivi qualcosa nella chat, oppure scrivi qui sotto il suo @nome.',
    foundChats: (bot: string, n: number) => `@${bot} è in ${n === 1 ? '1 chat' : `${n} chat`}.`,
    pickChat: 'Chat',
    chat: 'Canale o gruppo',
    chatHint: '@nomecanale, un link t.me o un id di chat come -1001234567890.',
    silent: 'Pubblica in silenzio (chi legge non riceve il suono di notifica)',
    apiBase: 'Server Bot API (facoltativo)',
    apiBaseHint: 'Solo per un server Bot API installato da te; lascia vuoto per api.telegram.org.',
    channelLabel: 'canale',
    silentPost: 'Invia su Telegram senza suono di notifica',
  },
  nostr: {
    connect: 'Collega Nostr',
    explainTitle: 'La tua chiave firma ogni nota.',
    explain:
      'Kairos può creare una nuova chiave per il brand, usare quella che incolli, oppure chiedere la firma a un firmatario remoto (NIP-46 “bunker”), così la chiave non entra mai in Kairos.',
    namePlaceholder: 'es. Brand su Nostr',
    keyChoice: 'Chiave',
    keys: { new: 'Crea una nuova chiave', nsec: 'Usa la mia chiave segreta (nsec)', bunker: 'Usa un firmatario remoto (bunker)' },
    nsec: 'Chiave segreta',
    nsecHint: 'nsec1… dal backup della chiave della tua app Nostr. Viene conservata cifrata e non viene più mostrata.',
    bunkerUrl: 'URL del bunker',
    bunkerUrlHint: 'bunker://… dalla tua app di firma (nsec.app, Amber, un firmatario hardware). Approva Kairos lì.',
    relays: 'Relay',
    relaysHint: 'Uno per riga, es. wss://relay.damus.io. Se la tua chiave ha un elenco di relay (NIP-65), Kairos usa i relay di scrittura.',
    minRelayOks: 'Relay che devono accettare una nota (facoltativo)',
    minRelayOksHint: 'Una nota conta come pubblicata quando questi relay hanno risposto OK; la maggioranza se vuoto.',
    mediaServer: 'Server per i media (facoltativo)',
    mediaServerHint:
      'Un server Blossom come https://blossom.primal.net conserva le immagini e i video delle tue note. Senza, le note sono solo testo.',
    showKey: 'Mostra la chiave segreta',
    showKeyTitle: 'Mostrare la chiave segreta creata da Kairos?',
    showKeyWarning:
      'È la chiave segreta (nsec) dell’account: chi la possiede può pubblicare come il brand, per sempre, e non si può cambiare. Conservala in un gestore di password, non incollarla mai in un sito e non condividere lo schermo mentre è visibile.',
    showKeyConfirm: 'Mostra la chiave',
    keyCancel: 'Annulla',
    keyLabel: 'Chiave segreta (nsec)',
    copyKey: 'Copia la chiave',
    keyCopied: 'Chiave segreta copiata. Incollala nel tuo gestore di password.',
    hideKey: 'Nascondi la chiave',
  },
};
