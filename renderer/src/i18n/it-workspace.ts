// Italian strings of the Workspace section in Settings and the workspace banner; merged into the Italian dictionary in it.ts.

import type { workspaceEn } from './en-workspace';

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('it')} ${n === 1 ? one : many}`;

export const workspaceIt: typeof workspaceEn = {
  workspace: {
    title: 'Spazio di lavoro',
    intro:
      'Collega questo computer allo spazio di lavoro Kairos del tuo team: il calendario, l’editor e il post rapido lavorano allora sui post dello spazio di lavoro. Senza, Kairos tiene tutto su questo computer.',
    url: 'Indirizzo dello spazio di lavoro',
    urlHint: 'Come si apre nel browser, per esempio https://kairos.example.org.',
    email: 'Email',
    password: 'Password',
    connect: 'Accedi',
    connecting: 'Accesso in corso…',
    disconnect: 'Esci e usa i dati di questo computer',
    disconnecting: 'Uscita in corso…',
    confirmDisconnect: (pending: number) =>
      `${plural(pending, 'modifica fatta offline non è ancora arrivata', 'modifiche fatte offline non sono ancora arrivate')} allo spazio di lavoro e andrà persa. Uscire comunque?`,
    signedInAs: (name: string, email: string, role: string) => `Accesso come ${name} (${email}), ${role}.`,
    signedOutAs: (email: string) => `La sessione di ${email} è terminata: accedi di nuovo per continuare.`,
    address: 'Indirizzo',
    online: 'Raggiungibile',
    offline: 'Non raggiungibile: le modifiche ai post restano su questo computer',
    connection: 'Connessione',
    waiting: (n: number) => (n === 0 ? 'Niente in attesa' : `${plural(n, 'modifica', 'modifiche')} in attesa di invio`),
    waitingLabel: 'In attesa',
    notesTitle: 'Che cosa è successo alle modifiche fatte offline',
    required: {
      url: 'Scrivi l’indirizzo dello spazio di lavoro.',
      email: 'Scrivi il tuo indirizzo email.',
      password: 'Scrivi la tua password.',
    },
    urlLooksWrong: 'Scrivi l’indirizzo come si apre nel browser, per esempio https://kairos.example.org (senza percorso dopo).',
    banner: {
      offlineTitle: (n: number) =>
        n === 0
          ? 'Lo spazio di lavoro non è raggiungibile'
          : `Lo spazio di lavoro non è raggiungibile: ${plural(n, 'modifica resta', 'modifiche restano')} su questo computer`,
      offlineBody: 'Vengono inviate, in ordine, appena lo è. Ciò che apri nel frattempo non si può mostrare.',
      signedOutTitle: 'La tua sessione nello spazio di lavoro è terminata',
      signedOutBody: (n: number) =>
        n === 0
          ? 'Accedi di nuovo da Impostazioni → Spazio di lavoro.'
          : `Accedi di nuovo da Impostazioni → Spazio di lavoro; ${plural(n, 'modifica attende', 'modifiche attendono')} fino ad allora.`,
      notesTitle: 'Modifiche fatte offline si sono incrociate con quelle di altri',
    },
  },
};
