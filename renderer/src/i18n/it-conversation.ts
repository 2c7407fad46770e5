// Italian strings of the conversation panel and its settings, in the same shape as the English ones.

import type { conversationEn } from './en-conversation';

const n = (value: number) => value.toLocaleString('it');
const ordinals = ['prim', 'second', 'terz', 'quart', 'quint'] as const;
/** Ordinals agree with the weekday: "la prima domenica", "il primo lunedì". */
const ordinal = (nth: number, weekday: string) => {
  const ending = weekday === 'domenica' ? 'a' : 'o';
  return nth === -1 ? `ultim${ending}` : `${ordinals[nth - 1] ?? `${nth}°`}${ordinals[nth - 1] ? ending : ''}`;
};

export const conversationIt: typeof conversationEn = {
  conversation: {
    title: 'La conversazione di adesso',
    refresh: 'Aggiorna',
    refreshing: 'Aggiornamento…',
    asOf: (time) => `alle ${time}`,
    neverFetched: 'non ancora letto',
    loading: 'Ascolto la conversazione…',
    noSelection: 'Seleziona un post o un giorno, o inizia a scrivere, per vedere di che cosa si parla.',
    forPost: 'Per il post selezionato',
    forDay: (day) => `Per ${day}`,
    forDraft: 'Per il post che stai scrivendo',
    noSources:
      'Nessuno degli account scelti condivide tendenze, ricerche o menzioni. Collega Mastodon o Bluesky per vedere la conversazione.',
    sourceTrouble: (label, error) => `${label}: ${error}`,
    sourceWaiting: (time) => `Kairos chiederà di nuovo dopo le ${time}.`,
    sources: (list) => list.map((s) => s.label).join(', '),

    alerts: 'Avvisi',
    dismiss: 'Ignora',
    pauseAll: 'Metti in pausa tutte le pubblicazioni',
    pauseReason: (term) => `Avviso grave della lista di controllo per “${term}”`,
    pausedToast: (term) => `Le pubblicazioni sono in pausa per l’avviso su “${term}”. Riprendile dal banner quando è il momento.`,
    alertSource: (a) =>
      a.kind === 'preflight'
        ? 'Controllo prima dell’uscita'
        : { trend: 'Di tendenza', mention: 'Menzione', search: 'Ricerca', hashtag: 'Hashtag' }[a.source],
    severity: { low: 'Bassa', medium: 'Media', high: 'Alta' },

    preflight: 'Controllo prima dell’uscita',
    preflightHeld: 'Trattenuto prima della pubblicazione',
    preflightAsk: 'Questo post è stato trattenuto perché la conversazione è cambiata. Non uscirà finché non decidi.',
    decisions: { send: 'Invia comunque', hold: 'Trattieni', edit: 'Modifica' },
    preflightClear: 'L’ultimo controllo non ha trovato nulla di preoccupante.',
    preflightSkipped: 'Saltato per questo post.',
    preflightOff: 'Il controllo prima dell’uscita è disattivato nelle Impostazioni.',
    preflightNotYet: (minutes) =>
      `Kairos controlla la conversazione ${minutes === 1 ? '1 minuto' : `${n(minutes)} minuti`} prima che il post esca, se la lista di controllo contiene termini.`,
    skipForPost: 'Salta il controllo prima dell’uscita per questo post',

    trending: 'Di tendenza ora',
    noTrends: 'Ancora nessuna tendenza da queste reti.',
    matchesPost: 'il tuo tema',
    platform: {
      mastodon: 'Mastodon',
      bluesky: 'Bluesky',
      discord: 'Discord',
      telegram: 'Telegram',
      nostr: 'Nostr',
      linkedin: 'LinkedIn',
      x: 'X',
    },
    busier: 'all’improvviso più attivo',
    busierHint: (ratio) => `Circa ${ratio.toLocaleString('it', { maximumFractionDigits: ratio < 10 ? 1 : 0 })}× il solito livello`,
    sparkline: (values) => `Uso giornaliero recente: ${values.join('; ')}`,

    words: 'Le tue parole adesso',
    noWords: 'Aggiungi hashtag o i nomi del tuo marchio (Impostazioni) per seguire come vengono usati.',
    termKind: { hashtag: 'hashtag', keyword: 'parola chiave', brand: 'marchio' },
    perHour: (count) => `${n(count)} all’ora`,
    usual: (count) => (count === null ? 'livello abituale ancora in apprendimento' : `di solito ${n(Math.round(count * 10) / 10)} all’ora`),
    nearWatch: 'Compare accanto a',
    noHits: 'Nessun post recente trovato.',

    mentions: 'Menzioni',
    unanswered: (count) => (count === 1 ? '1 senza risposta' : `${n(count)} senza risposta`),
    noMentions: 'Nessuna menzione recente.',
    unansweredTag: 'senza risposta',
    openOnNetwork: 'Apri sulla rete',

    date: 'La data',
    noObservances: 'Niente di segnalato in questa data per i tuoi paesi.',
    observanceKind: (o) => (o.kind === 'holiday' ? `Festività${o.country ? ` (${o.country})` : ''}` : 'Giornata di sensibilizzazione'),

    neighbours: 'Post vicini',
    neighboursWindow: (minutes) => `I tuoi post entro ${n(minutes / 60)} ore prima o dopo.`,
    neighboursDay: 'I tuoi post in questo giorno.',
    noNeighbours: 'Nessun altro post vicino.',
    minutesApart: (m) => (m === 0 ? 'stessa ora' : m < 0 ? `${-m} min prima` : `${m} min dopo`),
    sameAccount: 'stesso account',

    watchlist: 'Lista di controllo',
    watchHint:
      'Parole di crisi, il tuo marchio, i concorrenti. Una corrispondenza genera un avviso; con gravità alta puoi mettere in pausa le pubblicazioni.',
    watchTerm: 'Parola o frase',
    watchSeverity: 'Gravità',
    addWatch: 'Controlla',
    removeWatch: (term) => `Smetti di controllare "${term}"`,
    noWatch: 'La lista di controllo è ancora vuota.',

    settings: {
      title: 'Conversazione e controllo prima dell’uscita',
      countries: 'Calendari delle festività',
      countriesHint: 'Le festività nazionali di questi paesi compaiono nel pannello e nel calendario.',
      addCountry: 'Aggiungi paese',
      removeCountry: (name) => `Rimuovi ${name}`,
      brandNames: 'Nomi del marchio',
      brandHint: 'Separa i nomi con virgole. Kairos li segue su ogni rete, in ogni post.',
      preflight: 'Controlla ogni post prima che esca',
      preflightHint:
        'Aggiorna la conversazione e trattiene il post se un termine della lista è di tendenza o uno dei suoi hashtag è nella lista di controllo.',
      minutes: 'Minuti prima della pubblicazione',
      save: 'Salva',
      saved: 'Salvato.',
      days: 'Le tue giornate di sensibilizzazione',
      dayName: 'Nome',
      dayDate: 'Data (mese e giorno)',
      addDay: 'Aggiungi giornata',
      removeDay: (name) => `Rimuovi ${name}`,
      noDays: 'Ancora nessuna. Le giornate mondiali come la Giornata internazionale della donna sono già incluse.',
      badDate: 'Indica un mese e un giorno, per esempio 06-19.',
      ruleFixed: (day, month) => `${day} ${month}`,
      ruleMonth: (month) => `tutto il mese di ${month}`,
      ruleNth: (nth, weekday, month) => `${ordinal(nth, weekday)} ${weekday} di ${month}`,
    },
  },
};
