// Italian strings of the publishing engine's UI, in the same shape as the English ones.

import type { engineEn } from './en-engine';

const n = (value: number) => value.toLocaleString('it');

export const engineIt: typeof engineEn = {
  engine: {
    pauseAll: 'Metti in pausa tutte le pubblicazioni',
    resume: 'Riprendi le pubblicazioni',
    pausedTitle: (reason, until) => `Pubblicazioni in pausa: ${reason} — ${until ? `fino a ${until}` : 'finché non le riprendi'}`,
    pausedDetail:
      'In pausa non esce nulla: i post che arrivano all’orario vengono trattenuti. Quando riprendi, decidi tu post per post. “Pubblica ora” invia comunque il post che scegli.',
    pausedBy: (when, by) =>
      `In pausa da ${when} ${{ user: 'in Kairos', cli: 'dalla riga di comando', system: 'da Kairos', scheduler: 'dal pianificatore' }[by]}.`,
    accountPausedTitle: (account, reason, until) =>
      `${account} in pausa: ${reason} — ${until ? `fino a ${until}` : 'finché non lo riprendi'}`,
    accountPausedDetail:
      'I post per questo account vengono trattenuti quando arriva il loro orario; gli altri account pubblicano come sempre.',
    resumeAccount: (account) => `Riprendi ${account}`,
    heldByPause: (count) =>
      count === 1
        ? 'Un post è arrivato all’orario durante una pausa e attende la tua decisione'
        : `${n(count)} post sono arrivati all’orario durante una pausa e attendono la tua decisione`,
    heldByPauseDetail: 'Nessuno esce finché non decidi: pubblica ora, un nuovo orario o scarta.',
    review: 'Rivedi',
    resumed: 'Pubblicazioni riprese. Ciò che è arrivato all’orario durante la pausa attende la tua decisione.',
    resumedNothing: 'Pubblicazioni riprese. Durante la pausa non è arrivato nulla all’orario.',

    pauseDialog: {
      title: 'Metti in pausa tutte le pubblicazioni',
      titleAccount: (account) => `Metti in pausa le pubblicazioni su ${account}`,
      intro:
        'I post che arrivano all’orario durante la pausa vengono trattenuti, non inviati. Quando riprendi, Kairos li elenca e decidi per ciascuno: pubblica ora, un nuovo orario o scarta.',
      reason: 'Motivo',
      reasonHint: 'Chiunque usi Kairos lo vede nel banner, in ogni finestra e nella riga di comando.',
      reasonMissing: 'Scrivi perché le pubblicazioni sono in pausa; chiunque usi Kairos lo vedrà.',
      autoResume: 'Riprendi da sola a un orario stabilito',
      resumeDate: 'Data di ripresa',
      resumeTime: 'Ora di ripresa',
      zoneNote: (zone) => `Orari nel fuso ${zone}.`,
      resumeMissing: 'Scegli data e ora di ripresa, oppure togli la spunta a “Riprendi da sola”.',
      resumePast: 'Quell’orario è già passato. Scegli un orario successivo, oppure togli la spunta a “Riprendi da sola”.',
      confirm: 'Metti in pausa',
      confirmAccount: 'Metti in pausa questo account',
      paused: 'Pubblicazioni in pausa. I post che arrivano all’orario restano trattenuti finché non decidi.',
      pausedAccount: (account) => `Le pubblicazioni su ${account} sono in pausa.`,
      pulledBack: (count) =>
        count === 1
          ? 'Un post è stato ripreso dalla programmazione del server.'
          : `${n(count)} post sono stati ripresi dalla programmazione del server.`,
    },

    reviewDialog: {
      title: 'Arrivati all’orario durante la pausa',
      intro: 'Nulla di questo esce finché non decidi, un post alla volta.',
      empty: 'Tutto ciò che è arrivato all’orario durante la pausa è sistemato.',
      listLabel: 'Post arrivati all’orario durante la pausa',
    },

    attentionDialog: {
      title: 'Da controllare',
      open: 'Da controllare',
      badge: (count) => (count === 1 ? 'Un post da controllare' : `${n(count)} post da controllare`),
      empty: 'Al momento non c’è nulla da controllare.',
      emptyHint: 'Qui compaiono i post non riusciti, non confermati, mancati e trattenuti, con ciò che serve per sistemarli.',
      groups: {
        failed: 'Non riusciti',
        unconfirmed: 'Esito sconosciuto',
        missed: 'Mancati',
        held: 'Trattenuti',
      },
      accountsNeedLogin: (count) =>
        count === 1
          ? 'Un account richiede un nuovo accesso prima di poter pubblicare.'
          : `${n(count)} account richiedono un nuovo accesso prima di poter pubblicare.`,
      openAccounts: 'Apri Account',
      settle: 'Che cosa fare',
      hideActions: 'Nascondi',
      loadingPost: 'Caricamento del post…',
    },

    item: {
      wasDue: (when) => `Previsto per ${when}`,
      noTime: 'Senza orario',
      holdKinds: {
        pause: 'Le pubblicazioni erano in pausa',
        account_pause: 'L’account era in pausa',
        preflight: 'Trattenuto dal controllo prima dell’uscita',
        user: 'Trattenuto da te',
      },
      publishNow: 'Pubblica ora',
      reschedule: 'Nuovo orario…',
      discard: 'Scarta',
      itWentOut: 'È uscito',
      sending: 'Invio in corso.',
      discarded: 'Scartato. Non uscirà.',
      markedPublished: 'Segnato come pubblicato.',
      rescheduled: (when) => `Spostato a ${when}.`,
    },

    reschedule: {
      legend: (excerpt) => `Nuovo orario per “${excerpt}”`,
      date: 'Nuova data',
      time: 'Nuova ora',
      save: 'Sposta qui',
      missing: 'Scegli una data e un’ora.',
      past: 'Quell’orario è già passato. Scegli un orario da adesso in poi.',
    },

    accountPause: {
      pause: (account) => `Metti in pausa le pubblicazioni su ${account}`,
      pauseShort: 'Metti in pausa',
      resume: (account) => `Riprendi le pubblicazioni su ${account}`,
      resumeShort: 'Riprendi',
      paused: (reason) => `Pubblicazioni in pausa: ${reason}`,
    },

    historyKinds: {
      'publishing paused': 'Pubblicazioni in pausa',
      'publishing resumed': 'Pubblicazioni riprese',
      'pause changed': 'Pausa modificata',
      'account paused': 'Account in pausa',
      'account resumed': 'Account ripreso',
      'pre-flight check: held': 'Trattenuto dal controllo prima dell’uscita',
      'pre-flight check: clear': 'Controllo prima dell’uscita: tutto a posto',
      'pre-flight check: skipped': 'Controllo prima dell’uscita saltato',
      'pre-flight decision': 'Decisione sul controllo prima dell’uscita',
      'handed off': 'Affidato alla programmazione del server',
      'hand-off moved': 'Spostato nella programmazione del server',
      'taken back': 'Ripreso dalla programmazione del server',
      'kept for local publishing': 'Pubblicato da Kairos',
      'published early': 'Pubblicato in anticipo',
      'recurring series created': 'Post ricorrente creato',
      'recurring series changed': 'Post ricorrente modificato',
      'recurring series stopped': 'Post ricorrente fermato',
    },
  },
};
