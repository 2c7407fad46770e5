// Italian strings of the quick-post window and the offline banner; merged into the one Italian dictionary in it.ts.

import type { quickPostEn } from './en-quickpost';

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('it')} ${n === 1 ? one : many}`;

export const quickPostIt: typeof quickPostEn = {
  quickPost: {
    title: 'Post rapido',
    textLabel: 'Che cosa vuoi dire?',
    accountsLabel: 'Pubblica su',
    noAccounts: 'Prima collega un account in Kairos; poi il post rapido potrà pubblicarci.',
    pasteHint: 'Incolla un’immagine per allegarla.',
    imageLabel: 'Immagine allegata',
    altLabel: 'Descrivi l’immagine (testo alternativo)',
    altHint: 'Viene letto a chi non può vederla.',
    altMissing: 'Aggiungi una descrizione perché tutti possano seguire il post.',
    removeImage: 'Togli l’immagine',
    postNow: 'Pubblica ora',
    addToQueue: 'Aggiungi alla coda',
    saveDraft: 'Salva bozza',
    close: 'Chiudi',
    sendShortcut: (mac: boolean) => (mac ? '⌘ Invio pubblica subito, Esc chiude' : 'Ctrl+Invio pubblica subito, Esc chiude'),
    pickAccount: 'Scegli almeno un account.',
    empty: 'Prima scrivi qualcosa o incolla un’immagine.',
    notAnImage: 'Qui si possono incollare solo immagini. Copia un’immagine (PNG, JPEG, GIF o WebP) e incollala di nuovo.',
    working: 'Un momento…',
    attaching: 'Allego l’immagine…',
    sent: 'Invio in corso…',
    published: 'Pubblicato.',
    openPost: (where: string) => `Apri su ${where}`,
    waiting: 'In attesa della rete: ora Kairos non raggiunge i social, quindi il post uscirà appena torneranno raggiungibili.',
    notSent: (why: string) => `Non inviato: ${why} Apri Kairos per decidere che cosa farne.`,
    notSentNoReason: 'Non inviato. Apri Kairos per decidere che cosa farne.',
    partly: (n: number) => `Pubblicato su ${plural(n, 'account', 'account')}; gli altri vanno controllati in Kairos.`,
    queued: (when: string) => `Aggiunto alla coda per ${when}.`,
    drafted: 'Salvato in Bozze e idee.',
    note: (note: string) => `Nota: ${note}`,
  },
  offline: {
    title: (waiting: number) => `Offline: ${plural(waiting, 'post in attesa', 'post in attesa')}`,
    titleNothingWaiting: 'Offline',
    body: 'Scrivere, modificare e programmare funziona lo stesso. I post in scadenza usciranno appena torna la rete.',
    retry: 'Riprova ora',
    checking: 'Controllo…',
    stillOffline: 'Ancora offline. Kairos continua a controllare da solo.',
  },
};
