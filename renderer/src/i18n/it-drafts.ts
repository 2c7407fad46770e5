// Italian strings of the Drafts & ideas board; merged into the one Italian dictionary in it.ts.

import type { draftsBoardEn } from './en-drafts';

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('it')} ${n === 1 ? one : many}`;

export const draftsBoardIt: typeof draftsBoardEn = {
  draftsBoard: {
    title: 'Bozze e idee',
    intro: 'Tutto ciò che non ha ancora un orario. Apri una scheda per finirla, o trascinala su un giorno per programmarla.',
    newDraft: 'Nuova bozza',
    search: 'Cerca nelle bozze',
    searchPlaceholder: 'Cerca nel testo e nelle etichette',
    labelsFilter: 'Mostra etichette',
    clearFilters: 'Azzera ricerca ed etichette',
    showing: (shown: number, total: number) =>
      shown === total ? plural(total, 'bozza', 'bozze') : `${shown.toLocaleString('it')} di ${plural(total, 'bozza', 'bozze')}`,
    noMatch: 'Nessuna bozza corrisponde',
    noMatchHint: 'Prova altre parole, o azzera la ricerca e le etichette.',
    labelsOf: (labels: string) => `Etichette: ${labels}`,
    images: (n: number) => plural(n, 'immagine', 'immagini'),
    parts: (n: number) => `Thread di ${n.toLocaleString('it')}`,
    schedule: 'Programma…',
    scheduleTitle: 'Programma la bozza',
    scheduleAction: 'Programma',
    needsAccounts: 'Questa bozza non ha ancora account. Aprila, scegli dove pubblicarla, poi programmala.',
    openInComposer: 'Apri nell’editor',
    dropTitle: 'Trascina su un giorno',
    dropHint: 'Trascina una scheda su un giorno: viene programmata alle 9:00 (o al prossimo quarto d’ora se è oggi) e puoi annullare.',
    dropDay: (day: string, count: number) => (count === 0 ? day : `${day}, già ${plural(count, 'post', 'post')}`),
    dropping: (when: string) => `Programma per ${when}`,
    zone: (zone: string) => `Orari in ${zone}`,
  },
};
