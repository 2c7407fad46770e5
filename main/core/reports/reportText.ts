// The words of the leadership report in each language the app speaks, and number/date formatting for them.

import type { HeadlineKey, MetricSource, NotableMoment, ReportLocale } from '../../../shared/analytics';

export interface ReportWords {
  readonly title: string;
  readonly period: (from: string, to: string, zone: string) => string;
  readonly headline: Readonly<Record<HeadlineKey, string>>;
  readonly vsPrevious: (change: string) => string;
  readonly noComparison: string;
  readonly overTime: string;
  readonly overTimeAlt: (days: number, total: number, best: string | null) => string;
  readonly networks: string;
  readonly heatmap: string;
  readonly heatmapAlt: (total: number, best: string | null) => string;
  readonly weekdays: readonly string[];
  readonly topPosts: string;
  readonly bottomPosts: string;
  readonly engagements: string;
  readonly vsMedian: (ratio: string) => string;
  readonly deleted: string;
  readonly audience: string;
  readonly audienceCount: (n: number) => string;
  readonly words: string;
  readonly hashtags: string;
  readonly topReplies: string;
  readonly questions: string;
  readonly moments: string;
  readonly momentKind: Readonly<Record<NotableMoment['kind'], string>>;
  readonly observances: string;
  readonly none: string;
  readonly sources: string;
  readonly source: Readonly<Record<MetricSource, string>>;
  readonly noNumbers: (names: string) => string;
  readonly generated: (at: string) => string;
  readonly columns: Readonly<Record<'likes' | 'reposts' | 'replies' | 'quotes', string>>;
}

const en: ReportWords = {
  title: 'Social media report',
  period: (from, to, zone) => `${from} – ${to} (${zone})`,
  headline: { posts: 'Posts published', engagements: 'Engagements', replies: 'Replies', followers: 'Follower change' },
  vsPrevious: (c) => `${c} vs previous period`,
  noComparison: 'no earlier period to compare',
  overTime: 'Engagement over time',
  overTimeAlt: (days, total, best) => `Engagements per day over ${days} days, ${total} in all${best ? `; the best day was ${best}` : ''}.`,
  networks: 'By network',
  heatmap: 'When our audience answers',
  heatmapAlt: (total, best) => `${total} replies and mentions by weekday and hour${best ? `; most on ${best}` : ''}.`,
  weekdays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
  topPosts: 'Top posts',
  bottomPosts: 'Posts that did least',
  engagements: 'engagements',
  vsMedian: (r) => `${r} the account's median`,
  deleted: 'deleted on the network',
  audience: 'What the audience said',
  audienceCount: (n) => `${n} replies and mentions`,
  words: 'Frequent words',
  hashtags: 'Hashtags',
  topReplies: 'Replies that got most engagement',
  questions: 'Questions asked',
  moments: 'Notable moments',
  momentKind: {
    paused: 'Publishing paused',
    resumed: 'Publishing resumed',
    'account paused': 'Account paused',
    'account resumed': 'Account resumed',
    'pause changed': 'Pause changed',
  },
  observances: 'Observances ahead',
  none: 'None.',
  sources: 'Where the numbers come from',
  source: {
    'mastodon-server': "Mastodon counts from the account's own server; boosts and favourites from other servers can arrive late.",
    'bluesky-appview': 'Bluesky counts from the AppView; they are aggregated across the network and can lag by minutes.',
    'x-api':
      "X counts from the X API v2 public metrics of each post; replies' text is read only where the app's access tier includes search.",
    'nostr-relays':
      "Nostr counts from the account's read relays: reactions, reposts and replies seen on those relays, a lower bound (relays Kairos does not ask are missed).",
    none: 'Discord webhooks, Telegram bots and LinkedIn member posting (Share on LinkedIn) report no numbers to Kairos.',
  },
  noNumbers: (names) =>
    `No numbers for ${names}: Discord webhooks report none, nor do Telegram bots or LinkedIn member posting (Share on LinkedIn).`,
  generated: (at) => `Made with Kairos on ${at}.`,
  columns: { likes: 'Likes', reposts: 'Reposts', replies: 'Replies', quotes: 'Quotes' },
};

const it: ReportWords = {
  title: 'Report social media',
  period: (from, to, zone) => `${from} – ${to} (${zone})`,
  headline: { posts: 'Post pubblicati', engagements: 'Interazioni', replies: 'Risposte', followers: 'Variazione follower' },
  vsPrevious: (c) => `${c} rispetto al periodo precedente`,
  noComparison: 'nessun periodo precedente da confrontare',
  overTime: 'Interazioni nel tempo',
  overTimeAlt: (days, total, best) =>
    `Interazioni al giorno in ${days} giorni, ${total} in tutto${best ? `; il giorno migliore è stato ${best}` : ''}.`,
  networks: 'Per rete',
  heatmap: 'Quando il pubblico risponde',
  heatmapAlt: (total, best) => `${total} risposte e menzioni per giorno della settimana e ora${best ? `; il massimo ${best}` : ''}.`,
  weekdays: ['lun', 'mar', 'mer', 'gio', 'ven', 'sab', 'dom'],
  topPosts: 'Post migliori',
  bottomPosts: 'Post con meno interazioni',
  engagements: 'interazioni',
  vsMedian: (r) => `${r} la mediana dell'account`,
  deleted: 'eliminato sulla rete',
  audience: 'Cosa ha detto il pubblico',
  audienceCount: (n) => `${n} risposte e menzioni`,
  words: 'Parole frequenti',
  hashtags: 'Hashtag',
  topReplies: 'Risposte con più interazioni',
  questions: 'Domande',
  moments: 'Momenti notevoli',
  momentKind: {
    paused: 'Pubblicazione sospesa',
    resumed: 'Pubblicazione ripresa',
    'account paused': 'Account sospeso',
    'account resumed': 'Account ripreso',
    'pause changed': 'Sospensione modificata',
  },
  observances: 'Ricorrenze in arrivo',
  none: 'Nessuno.',
  sources: 'Da dove vengono i numeri',
  source: {
    'mastodon-server': "Conteggi Mastodon dal server dell'account; condivisioni e preferiti da altri server possono arrivare in ritardo.",
    'bluesky-appview': "Conteggi Bluesky dall'AppView; sono aggregati sulla rete e possono avere qualche minuto di ritardo.",
    'x-api':
      "Conteggi X dalle metriche pubbliche dell'API X v2 di ogni post; il testo delle risposte si legge solo se il livello di accesso dell'app include la ricerca.",
    'nostr-relays':
      "Conteggi Nostr dai relay di lettura dell'account: reazioni, condivisioni e risposte viste su quei relay, un minimo (i relay che Kairos non interroga restano fuori).",
    none: 'I webhook di Discord, i bot di Telegram e la pubblicazione come membro su LinkedIn (Share on LinkedIn) non forniscono numeri a Kairos.',
  },
  noNumbers: (names) =>
    `Nessun numero per ${names}: i webhook di Discord, i bot di Telegram e la pubblicazione come membro su LinkedIn non ne forniscono a Kairos.`,
  generated: (at) => `Creato con Kairos il ${at}.`,
  columns: { likes: 'Mi piace', reposts: 'Condivisioni', replies: 'Risposte', quotes: 'Citazioni' },
};

export const REPORT_WORDS: Readonly<Record<ReportLocale, ReportWords>> = { en, it };

export function formatNumber(n: number, locale: ReportLocale): string {
  return new Intl.NumberFormat(locale === 'it' ? 'it-IT' : 'en-GB', { maximumFractionDigits: 1 }).format(n);
}

/** "+12%" / "−5%" / "=" against the previous figure; null when there is nothing to compare. */
export function changeOf(value: number, previous: number | null, locale: ReportLocale): string | null {
  if (previous === null) return null;
  if (previous === 0) return value === 0 ? '=' : `+${formatNumber(value, locale)}`;
  const pct = ((value - previous) / Math.abs(previous)) * 100;
  if (Math.abs(pct) < 0.05) return '=';
  return `${pct > 0 ? '+' : '−'}${formatNumber(Math.abs(pct), locale)}%`;
}

export function formatWhen(at: number, timeZone: string, locale: ReportLocale): string {
  return new Intl.DateTimeFormat(locale === 'it' ? 'it-IT' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  }).format(at);
}
