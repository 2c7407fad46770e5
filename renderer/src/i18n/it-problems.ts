// The words for every problem the backend reports and every issue a network has with a post, in Italian.

import { type StoredItem, type Thing, wordsForIssue } from '../../../shared/contract/problems';
import type { problemsEn } from './en-problems';

const n = (value: number) => value.toLocaleString('it');
/** A length of time in words: "1 ora", "30 minuti", "1 giorno". */
const shift = (minutes: number) =>
  minutes % 1440 === 0
    ? minutes === 1440
      ? '1 giorno'
      : `${n(minutes / 1440)} giorni`
    : minutes % 60 === 0
      ? minutes === 60
        ? '1 ora'
        : `${n(minutes / 60)} ore`
      : `${n(minutes)} minuti`;

const THING: Readonly<Record<Thing, (name: string) => string>> = {
  account: () => 'Quell’account non esiste più',
  queue: () => 'Quella coda non esiste più',
  evergreen_queue: (name) => `La coda evergreen «${name}» non esiste più`,
  sign_in: () => 'Quell’accesso non esiste più',
  published_post: () => 'Non c’è un post pubblicato con quell’id',
  report_schedule: () => 'Quel report programmato non esiste più',
  file: () => 'Quel file non esiste più',
  feed: () => 'Quel feed non esiste più',
  post: () => 'Quel post non esiste più',
  alert: () => 'Quell’avviso non esiste più',
  awareness_day: () => 'Quella giornata non esiste più',
  watch_term: () => 'Quel termine osservato non esiste più',
  recurring_post: () => 'Quel post ricorrente non esiste più',
};

const STORED: Readonly<Record<StoredItem, (name: string) => string>> = {
  post_options: (name) => `le opzioni del post ${name}`,
  post_labels: (name) => `le etichette del post ${name}`,
  post_thread: (name) => `il thread del post ${name}`,
  part_reference: (name) => `il riferimento sulla rete del target ${name}`,
  account_settings: (name) => `le impostazioni dell’account ${name}`,
  login: (name) => `l’accesso salvato di ${name}`,
  recurring_rule: (name) => `la regola della serie ricorrente ${name}`,
  recurring_content: (name) => `il contenuto della serie ricorrente ${name}`,
  conversation_setting: (name) => `l’impostazione della conversazione «${name}»`,
  awareness_rule: (name) => `la regola della giornata «${name}»`,
  report_accounts: (name) => `gli account del report programmato ${name}`,
  report_labels: (name) => `le etichette del report programmato ${name}`,
  saved_signals: (name) => `i segnali salvati dell’account ${name}`,
  saved_mentions: (name) => `le menzioni salvate dell’account ${name}`,
  saved_trends: (name) => `le tendenze viste per l’account ${name}`,
};

const SHELL = { electron: 'nella finestra dell’app', browser: 'nella modalità browser', cli: 'nel comando kairos' } as const;

/** " nella parte N" when the post is a thread. */
const at = (p: { part: number | null }) => (p.part === null ? '' : ` nella parte ${p.part}`);
const partOrPost = (p: { part: number | null }) => (p.part === null ? 'Il post' : `La parte ${p.part}`);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '').replace('.', ',')} MB`;
const megapixels = (px: number) => `${(px / 1_000_000).toFixed(1).replace(/\.0$/, '').replace('.', ',')} megapixel`;
const place = (p: { account: string; part: number | null; firstComment?: boolean }) =>
  `${p.account}${p.part !== null ? `, parte ${p.part}` : ''}${p.firstComment ? ', primo commento' : ''}`;
const zodWords = (p: { issue: string; minimum?: number; maximum?: number }) => {
  if (p.issue === 'too_small' && p.minimum !== undefined) return `troppo corto o troppo piccolo (almeno ${n(p.minimum)})`;
  if (p.issue === 'too_big' && p.maximum !== undefined) return `troppo lungo o troppo grande (al massimo ${n(p.maximum)})`;
  if (p.issue === 'invalid_type') return 'manca o non è del tipo giusto';
  if (p.issue === 'invalid_format') return 'non è nel formato giusto';
  if (p.issue === 'invalid_value' || p.issue === 'invalid_union') return 'non è uno dei valori ammessi';
  if (p.issue === 'unrecognized_keys') return 'contiene campi che Kairos non conosce';
  return 'non è valido';
};

export const problemsIt: typeof problemsEn = {
  problems: {
    unknown_request: (p) => `Richiesta sconosciuta «${p.channel}».`,
    no_handler: (p) => `Questa versione di Kairos non sa rispondere a «${p.channel}».`,
    no_channel: (_p) => 'La richiesta non dice a quale canale è rivolta.',
    request_not_understood: (_p) => 'Kairos non ha capito la richiesta.',
    request_body_invalid: (_p) => 'Il corpo della richiesta non è JSON valido o è troppo grande.',
    input_invalid: (p) => `${p.field ? `${p.field}: ` : 'Il valore '}${zodWords(p)}.`,
    not_allowed_here: (p) =>
      p.channel === 'media.addFile'
        ? `${p.channel} non è disponibile ${SHELL[p.shell]}: legge un file dal suo percorso, cosa che può fare solo il comando kairos. Allega i file con il pulsante Aggiungi o trascinandoli.`
        : `${p.channel} non è disponibile ${SHELL[p.shell]}.`,
    page_not_trusted: (_p) => 'Questa pagina non è autorizzata a parlare con Kairos.',
    wrong_host: (_p) => 'Le richieste devono essere indirizzate a 127.0.0.1.',
    other_site: (_p) => 'Le richieste da altri siti vengono rifiutate.',
    token_required: (_p) => 'Questo server Kairos vuole il suo codice di accesso. Apri il link stampato da «kairos serve».',
    use_method: (p) => `Usa ${p.method}.`,
    send_json: (_p) => 'Invia JSON.',
    server_failed: (p) => `Il server non ha potuto rispondere: ${p.detail}`,
    disk_full: (_p) => 'Il disco è pieno. Libera un po’ di spazio e riprova; non è stato salvato nulla.',
    database_read_only: (_p) => 'Il database è in sola lettura. Controlla i permessi della cartella dei dati; non è stato salvato nulla.',
    storage_full: (p) =>
      `Il disco che contiene ${p.path} è pieno. Libera un po’ di spazio; nulla è stato scritto a metà e Kairos riprenderà quando potrà di nuovo scrivere.`,
    storage_read_only: (p) =>
      `Kairos non può scrivere in ${p.path} (è in sola lettura). Controlla i permessi della cartella o il disco; nulla è stato scritto a metà.`,
    database_damaged: (p) => `Il database in ${p.path} è danneggiato. La pubblicazione si è fermata; ripristina l’ultimo backup.`,
    storage_io_error: (p) => `Leggere o scrivere ${p.path} non è riuscito (${p.code}). Controlla il disco; nulla è stato scritto a metà.`,
    storage_locked: (p) => `Un altro programma tiene bloccato ${p.path}. Kairos riproverà tra poco.`,
    database_damaged_at_start: (p) =>
      p.backup
        ? `Il database in ${p.path} è danneggiato (${p.detail}), quindi Kairos non ha iniziato a pubblicare. Ripristina l’ultimo backup integro, del ${p.backup.at} (${p.backup.fileName}); il file danneggiato resterà accanto.`
        : `Il database in ${p.path} è danneggiato (${p.detail}) e non c’è un backup integro da ripristinare, quindi Kairos non ha iniziato a pubblicare. Sposta il file altrove per ricominciare da zero, o chiedi aiuto per recuperarlo.`,
    database_unopenable: (p) => `Il database in ${p.path} non si è potuto aprire: ${p.detail}`,
    database_too_new: (p) =>
      `Il database in ${p.path} è stato scritto da un Kairos più recente (schema ${p.schema}, questo conosce fino al ${p.known}). Aggiorna Kairos.`,
    backup_not_kept: (p) => `Il backup di ${p.path} non è stato tenuto perché ${p.reason}. Il database stesso potrebbe essere danneggiato.`,
    backup_unrestorable: (p) => `Quel backup non si può ripristinare perché ${p.reason}. Scegline un altro.`,
    stored_value_damaged: (p) =>
      `Kairos non riesce a leggere ${STORED[p.item](p.name)}: il valore salvato è danneggiato (${p.at === null ? 'non è JSON valido' : `in ${p.at}`}). Salvalo di nuovo, o ripristina un backup dalle Impostazioni.`,
    backup_in_memory: (_p) => 'Questo database vive in memoria e non ha backup.',
    workspace_backups_elsewhere: (_p) =>
      'I post di un workspace stanno nel suo database PostgreSQL, di cui il team fa il backup con pg_dump sul server del database; Kairos non ne fa copie su file.',
    backup_missing: (p) => `Non c’è un backup chiamato ${p.fileName}.`,
    no_backup_yet: (_p) => 'Non c’è ancora un backup integro da ripristinare. Creane uno con «Fai un backup ora».',
    unexpected: (p) => `Qualcosa è andato storto: ${p.detail}`,
    no_answer: (p) => `Kairos non ha potuto rispondere: ${p.detail}`,
    backend_unreachable: (_p) => 'Kairos non risponde. Controlla che sia ancora in esecuzione, poi riprova.',
    bad_reply: (_p) => 'Kairos ha inviato una risposta che questa finestra non sa leggere. Ricarica la pagina e riprova.',
    nothing_selected: (_p) => 'Non è selezionato nulla.',

    not_found: (p) => `${THING[p.thing](p.name ?? '')}.`,
    no_such_account: (p) => `Non c’è un account «${p.id}». Scegline uno da Account.`,
    unknown_account_id: (p) => `Non c’è un account «${p.id}». Esegui «accounts list» per vedere i tuoi.`,
    unknown_account_again: (p) => `Non c’è un account «${p.id}»; scegli di nuovo gli account.`,
    unknown_import_account: (p) => `Non c’è un account «${p.id}». Scegline uno da Account.`,
    skipped_account_gone: (_p) => 'Uno degli account da saltare non esiste più. Ricarica le impostazioni e riprova.',
    feed_gone: (_p) => 'Questo feed del calendario non esiste o è stato disattivato.',
    media_gone: (p) => `Il file allegato ${p.id} non è più disponibile; allegalo di nuovo.`,

    platform_unsupported: (p) => `Questa versione di Kairos non supporta ${p.platform}.`,
    platform_not_connectable: (p) => `Kairos non sa ancora collegare account ${p.platform}.`,
    platform_not_publishable: (p) => `Questa versione di Kairos non sa pubblicare su ${p.platform}.`,
    network_support_missing: (p) => `Questa versione di Kairos non supporta ${p.network}.`,
    reconnect_other_platform: (p) => `Questo è un account ${p.platform}; ricollegalo con credenziali ${p.platform}.`,
    wrong_network_account: (p) => `${p.name} non è un account ${p.network}.`,
    pick_bluesky_account: (_p) => 'Scegli un account Bluesky con cui controllare le menzioni.',
    signed_in_as_other: (p) =>
      `Hai fatto l’accesso come ${p.signedIn}, ma questo account è ${p.expected}. Accedi come ${p.expected} per ricollegarlo.`,
    app_secret_unreadable: (p) =>
      `Kairos qui non riesce a leggere il segreto dell’app salvato con ${p.name}. Ricollegalo dal modulo LinkedIn (stesso membro: i suoi post restano).`,
    not_nostr_account: (_p) => 'Solo gli account Nostr hanno una chiave segreta che Kairos può mostrare.',
    nostr_remote_signer: (_p) =>
      'Questo account firma con un firmatario remoto: la sua chiave sta lì, non in Kairos. Fanne il backup nell’app del firmatario.',
    handoff_unavailable: (p) => `Il server di ${p.handle} non può tenere post programmati, quindi li pubblica Kairos.`,
    platform_said: (p) => p.reason,
    login_unusable: (p) => p.reason,
    login_in_desktop_keychain: (_p) =>
      'L’accesso di questo account è stato salvato dall’app desktop di Kairos nel portachiavi di sistema, che il comando kairos e la modalità browser non possono aprire. ' +
      'L’app desktop pubblica i suoi post; per pubblicare anche da qui, accedi di nuovo all’account qui.',
    login_keychain_locked: (_p) =>
      'L’accesso di questo account è chiuso nel portachiavi di sistema, che ora non è disponibile. Sbloccalo e riavvia Kairos, o accedi di nuovo all’account.',
    login_key_file_missing: (p) =>
      `Il file della chiave ${p.file} manca da ${p.folder}, quindi l’accesso salvato di questo account non si può leggere. ` +
      `Rimetti ${p.file} da un backup di quella cartella e riavvia Kairos, o accedi di nuovo all’account.`,
    login_key_file_damaged: (p) =>
      `Il file della chiave ${p.path} è danneggiato, quindi gli accessi salvati non si possono leggere. Rimettilo da un backup della cartella dei dati, o accedi di nuovo agli account.`,
    login_unknown_format: (_p) =>
      'L’accesso salvato di questo account è in un formato che Kairos non conosce. Accedi di nuovo all’account.',
    login_wrong_key: (p) =>
      `L’accesso salvato di questo account non si apre con il ${p.file} in ${p.folder}: è stato sigillato con un’altra chiave, o è danneggiato. ` +
      `Rimetti il ${p.file} giusto da un backup, o accedi di nuovo all’account.`,
    login_other_server_key: (p) =>
      `L’accesso salvato di questo account è stato sigillato con un’altra chiave del server (questa è ${p.keyId}). Avvia il server con la chiave usata allora, oppure accedi di nuovo all’account.`,
    login_damaged: (_p) => 'L’accesso salvato di questo account è danneggiato e non si può leggere. Accedi di nuovo all’account.',
    earlier_note: (p) => p.text,
    key_file_in_data_folder: (_p) =>
      'Le credenziali sono cifrate con una chiave salvata nella cartella dei dati di Kairos, non nel portachiavi di sistema: chi può leggere quella cartella può leggerle.',
    keychain_basic_text: (_p) =>
      'Non è stato trovato un portachiavi di sistema (come GNOME Keyring o KWallet), quindi Kairos non usa la chiave fissa integrata in Chromium, ' +
      'che qualsiasi programma potrebbe usare: le credenziali sono cifrate con il file della chiave nella cartella dei dati di Kairos. ' +
      'Configura un portachiavi e riavvia Kairos per tenerle nel portachiavi.',
    keychain_unavailable: (_p) =>
      'Il portachiavi di sistema non è disponibile, quindi le credenziali sono cifrate con il file della chiave nella cartella dei dati di Kairos.',
    key_file_lost: (p) =>
      `Il file della chiave ${p.file} manca dalla cartella dei dati di Kairos, quindi gli accessi salvati di ${p.names.join(', ')} non si possono leggere. ` +
      'Rimettilo da un backup della cartella e riavvia Kairos, o accedi di nuovo a quegli account.',

    time_zone_unknown: (p) => `«${p.timeZone}» non è un fuso orario conosciuto (usa un nome come Europe/Rome).`,
    time_zone_not_known: (p) => `«${p.timeZone}» non è un fuso orario che Kairos conosce. Usa un nome come Europe/Rome.`,
    not_a_date: (p) => `«${p.date}» non è una data; scrivila come AAAA-MM-GG.`,
    not_a_time: (p) => `«${p.time}» non è un orario; scrivilo come HH:mm (24 ore).`,
    not_a_real_time: (p) => `${p.date} ${p.time} non è una data e un’ora reali.`,
    date_not_in_calendar: (p) => `${p.date} non esiste nel calendario.`,
    not_a_calendar_date: (p) => `${p.date} non è una data del calendario.`,
    day_or_zone_invalid: (_p) => 'Quel giorno o quel fuso orario non è valido.',
    time_past: (p) =>
      `Quell’orario è già passato. Scegli un orario da adesso in poi, o ${p.or === 'post_now' ? 'pubblica' : 'pubblicalo'} subito.`,
    wall_time_past: (p) =>
      p.timeZone === undefined
        ? `${p.date} ${p.time} è già passato. Scegli un orario da adesso in poi.`
        : `${p.date} ${p.time} (${p.timeZone}) è già passato. Scegli un orario da adesso in poi, o pubblica subito.`,
    resume_past: (_p) => 'L’orario di ripresa è già passato. Scegline uno più avanti, o riprendi a mano.',
    stop_date_past: (_p) => 'La data di fine è già passata. Scegli un giorno più avanti, o lasciala vuota per non avere una fine.',
    end_before_start: (_p) => 'La data di fine viene prima di quella di inizio. Scambiale e riprova.',
    range_too_long: (p) => `Chiedi al massimo ${n(p.days)} giorni alla volta.`,
    slot_day_invalid: (p) => `«${p.day}» non è un giorno della settimana; usa mon, tue, wed, thu, fri, sat o sun.`,
    slot_time_invalid: (p) => `«${p.time}» non è un’ora del giorno; scrivila come HH:mm (24 ore), per esempio 09:30.`,
    rule_start_not_date: (p) => `La data di inizio «${p.date}» non è una data; scrivila come AAAA-MM-GG.`,
    rule_end_not_date: (p) => `La data di fine «${p.date}» non è una data; scrivila come AAAA-MM-GG.`,
    rule_end_before_start: (_p) => 'La data di fine viene prima di quella di inizio.',
    rule_interval: (_p) => 'L’intervallo è un numero intero da 1 a 366.',
    rule_no_days: (_p) => 'Scegli almeno un giorno della settimana.',
    rule_bad_weekday: (p) => `I giorni della settimana sono ${p.days}.`,
    rule_month_day: (_p) => 'Il giorno del mese va da 1 a 31, o -1 per l’ultimo giorno.',
    rule_week_of_month: (_p) => 'Il giorno della settimana nel mese va da 1 a 5, o -1 per l’ultimo.',
    rule_never_occurs: (_p) => 'Questa regola non ha più occorrenze da adesso in poi; controlla le date.',

    grace_minutes: (_p) => 'La finestra di tolleranza è un numero intero di minuti.',
    theme_value: (_p) => 'Il tema è system, light o dark.',
    locale_value: (_p) => 'La lingua è system, en o it.',
    no_holiday_calendar: (p) => `Kairos non ha un calendario delle festività per «${p.country}». Scegli un paese dall’elenco.`,
    folder_path: (_p) => 'Indica il percorso completo di una cartella, per esempio /home/io/Report.',
    report_not_written: (p) =>
      `Il report ${p.cadence === 'weekly' ? 'settimanale' : 'mensile'} non si è potuto scrivere in ${p.folder}: ${p.detail}`,

    pick_an_account: (_p) => 'Scegli almeno un account su cui pubblicare, o salvalo come bozza.',
    draft_without_accounts: (_p) => 'Questa bozza non ha ancora account; aprila e scegli dove va.',
    publishing_now: (_p) => 'Questo post si sta pubblicando proprio ora; aspetta un momento e riprova.',
    already_published: (_p) => 'Questo post è già pubblicato; i post pubblicati non si possono modificare né spostare.',
    no_slots: (_p) =>
      'Questi account non hanno ancora fasce di pubblicazione. Aggiungine nelle impostazioni della coda, o scegli un orario.',
    slots_full: (p) =>
      `Tutte le fasce di pubblicazione di questi account nelle prossime ${n(p.weeks)} settimane hanno già un post. Aggiungi altre fasce, o scegli un orario.`,
    decision_not_draft: (_p) => 'Un post in attesa di decisione si può pubblicare, riprogrammare o scartare, non rendere bozza.',
    decision_not_applicable: (p) =>
      `Nessuna parte di questo post può ricevere quella decisione: è ${p.states.join(', ') || 'senza account'}. Le decisioni valgono per post trattenuti, mancati, non confermati o non riusciti.`,
    nothing_to_hold: (_p) => 'Nulla di questo post si può trattenere: solo i post programmati, in nuovo tentativo o mancati.',
    not_awaiting_preflight: (_p) => 'Questo post non aspetta una decisione di controllo preliminare. Ricaricalo per vedere a che punto è.',
    another_publisher: (p) =>
      `Un’altra istanza sta pubblicando per questo database: ${p.holder ?? 'un altro processo Kairos'}. Fermala prima.`,
    post_does_not_fit: (p) => (p.issue ? wordsForIssue(p.issue, problemsIt.issues) : 'Il testo non ci sta.'),

    post_changed_elsewhere: (_p) =>
      'Qualcun altro ha modificato questo post dopo che l’hai aperto, quindi la tua modifica non ha sovrascritto la sua. Riaprilo per vedere la sua versione, poi rifai la tua modifica.',
    workspace_url_invalid: (p) =>
      `«${p.url}» non è l’indirizzo di uno spazio di lavoro. Scrivilo come si apre nel browser, per esempio https://kairos.example.org.`,
    workspace_sign_in_refused: (_p) => 'Lo spazio di lavoro non ha accettato questa email e questa password. Controllale e riprova.',
    workspace_sign_in_limited: (p) =>
      `Troppi tentativi di accesso: lo spazio di lavoro chiede di aspettare ${p.minutes === 1 ? 'un minuto' : `${n(p.minutes)} minuti`} prima di riprovare.`,
    workspace_unreachable: (p) =>
      `Lo spazio di lavoro ${p.url} non è raggiungibile. Controlla l’indirizzo e la connessione di questo computer; Kairos continua a provare.`,
    workspace_tls_failed: (p) =>
      ({
        certificate_untrusted: `Lo spazio di lavoro ${p.url} presenta un certificato di cui questo computer non si fida (autofirmato, o di un’autorità sconosciuta). Chiedi a chi lo gestisce un certificato di un’autorità pubblica, come Let’s Encrypt.`,
        certificate_expired: `Il certificato dello spazio di lavoro ${p.url} è scaduto o non è ancora valido. Chiedi a chi lo gestisce di rinnovarlo.`,
        wrong_name: `Il certificato dello spazio di lavoro ${p.url} è per un altro indirizzo. Controlla l’indirizzo, o chiedi a chi lo gestisce di correggere il certificato.`,
        not_https: `Lo spazio di lavoro ${p.url} non usa HTTPS su quella porta. Controlla l’indirizzo: forse inizia con http://, o serve un’altra porta.`,
        https_expected: `Il server ${p.url} vuole una connessione sicura. Scrivi l’indirizzo con https://.`,
      })[p.reason],
    workspace_not_kairos: (p) =>
      `Il server ${p.url} ha risposto, ma non è uno spazio di lavoro Kairos. Controlla l’indirizzo (quello con cui accedi dal browser).`,
    workspace_http_error: (p) =>
      `Lo spazio di lavoro ${p.url} ha risposto con un errore (HTTP ${p.status}). Riprova tra poco; se continua, avvisa chi lo gestisce.`,
    workspace_signed_out: (p) =>
      `La tua sessione nello spazio di lavoro ${p.url} è terminata. Accedi di nuovo da Impostazioni → Spazio di lavoro.`,
    workspace_session_ended: (_p) => 'La tua sessione in questo spazio di lavoro è terminata. Accedi di nuovo per continuare.',
    workspace_database_unavailable: (_p) => 'Il database dello spazio di lavoro non è raggiungibile in questo momento. Riprova tra poco.',
    workspace_not_connected: (_p) => 'Questo computer non è collegato a uno spazio di lavoro.',
    workspace_refused: (p) => p.reason,
    workspace_not_served: (p) => `Questo server non offre ancora ${p.channel}. Aggiorna il server, o chiedi a chi lo gestisce.`,
    workspace_offline_read: (p) =>
      `Lo spazio di lavoro ${p.url} non è raggiungibile, quindi ora non si può mostrare. Le modifiche ai post che fai nel frattempo restano su questo computer.`,
    workspace_change_kept: (p) =>
      `Lo spazio di lavoro non è raggiungibile: questa modifica resta su questo computer e viene inviata appena lo è (${p.pending === 1 ? '1 modifica in attesa' : `${n(p.pending)} modifiche in attesa`}).`,
    workspace_kept_as_draft: (p) =>
      `Qualcun altro ha modificato questo post mentre eri offline; la tua versione è conservata come bozza: «${p.excerpt}».`,
    workspace_change_refused: (p) =>
      `Una modifica fatta offline («${p.excerpt}») non è stata accettata dallo spazio di lavoro: ${p.reason}`,
    workspace_change_post_gone: (p) =>
      p.change === 'cancel'
        ? `Qualcun altro ha eliminato «${p.excerpt}» mentre eri offline, quindi non c’era più niente da annullare.`
        : `Qualcun altro ha eliminato «${p.excerpt}» mentre eri offline, quindi il nuovo orario che gli avevi dato non è stato inviato.`,
    workspace_change_post_published: (p) =>
      p.change === 'cancel'
        ? `«${p.excerpt}» è stato pubblicato mentre eri offline, quindi non si poteva più annullare.`
        : `«${p.excerpt}» è stato pubblicato mentre eri offline, quindi il nuovo orario che gli avevi dato non è stato inviato.`,
    media_unreadable_base64: (p) => `${p.fileName} non si è potuto leggere (vuoto o non in base64).`,
    media_dialog_desktop_only: (_p) => 'Scegliere i file con una finestra funziona nell’app; qui usa Aggiungi o trascina i file.',
    media_empty: (p) => `${p.fileName} è vuoto.`,
    media_too_large: (p) => `${p.fileName} supera i ${n(p.maxMb)} MB.`,
    media_file_too_large: (p) => `${p.fileName} supera i ${n(p.maxMb)} MB, il massimo che Kairos conserva per un file.`,
    media_not_media: (p) => `${p.fileName} non è un’immagine né un video: è ${p.label}. Kairos può pubblicare file ${p.supported}.`,
    media_misnamed: (p) =>
      `${p.fileName} è ${p.label}, non ${p.claimed} come dicono il nome o il tipo. Rinominalo in ${p.ext} o salvalo di nuovo nel formato che intendevi.`,
    media_disk_full: (p) => `Il disco è pieno, quindi ${p.fileName} non è stato salvato. Libera un po’ di spazio e aggiungilo di nuovo.`,
    media_not_saved: (p) => `${p.fileName} non si è potuto salvare nella cartella dei dati di Kairos (${p.detail}).`,
    file_unreadable: (p) =>
      `Impossibile leggere ${p.name}: ${p.why === 'missing' ? 'il file non esiste' : p.why === 'denied' ? 'permesso negato' : p.why}.`,
    file_is_link: (p) =>
      `${p.name} è un collegamento a un altro file; Kairos aggiunge solo il file vero e proprio.${p.hint ? ' Indica il percorso del file reale.' : ''}`,
    file_not_regular: (p) => `${p.name} non è un file normale (è ${p.is}); Kairos aggiunge solo file di immagini e video.`,
    file_changed: (p) => `${p.name} è cambiato mentre Kairos lo apriva; aggiungilo di nuovo.`,

    file_write_failed: (p) => `Impossibile scrivere ${p.path}: ${p.detail}. Nient’altro è cambiato.`,
    csv_unreadable: (p) => `${p.fileName}: ${p.detail}`,
    csv_no_header: (p) =>
      `${p.fileName} non ha una riga di intestazione. La prima riga deve dare il nome alle colonne (come date,time,text).`,
    csv_duplicate_column: (p) => `${p.fileName}: la colonna «${p.column}» compare due volte nell’intestazione; rinominane una.`,
    csv_no_rows: (p) => `${p.fileName} ha un’intestazione ma nessuna riga.`,
    csv_too_many_rows: (p) => `${p.fileName} ha ${n(p.rows)} righe; importane al massimo ${n(p.max)} alla volta.`,
    import_confirm_mapping: (_p) => 'Conferma quale colonna contiene cosa prima di importare.',
    import_map_text: (_p) => 'Associa una colonna al testo del post.',
    import_rows_bad: (p) =>
      `Non è stato importato nulla: ${n(p.bad)} righe su ${n(p.rows)} hanno problemi (riga ${p.line ?? '?'}: ${p.detail}). Correggile e importa di nuovo.`,
    pdf_failed: (p) => `Il PDF non si è potuto stampare: ${p.detail} Non è stato salvato nulla. Riprova, o esporta il report come HTML.`,
    pdf_empty: (_p) =>
      'Il PDF non si è potuto stampare: la stampa della pagina non ha restituito un PDF. Non è stato salvato nulla. Riprova.',

    time_repeated: (p) =>
      `Le ${p.time} del ${p.date} ci sono due volte a ${p.timeZone} (l’ora torna indietro); è stata usata la ${p.used === 'first' ? 'prima' : 'seconda'}.`,
    time_skipped: (p) =>
      `Le ${p.time} del ${p.date} non esistono a ${p.timeZone} (l’ora va avanti di ${shift(p.shiftMinutes)}); sono diventate le ${p.becameTime}${p.becameDate === p.date ? '' : ` del ${p.becameDate}`}.`,
    scheduler_retrying: (p) => `La pubblicazione ha avuto un problema e riproverà entro un minuto: ${p.detail}`,
    backup_failed: (p) => `Il backup giornaliero non è riuscito: ${p.detail}`,
    pull_back_impossible: (p) => `${n(p.count)} post sono già programmati sulla rete stessa e non è stato possibile riprenderli.`,
    pull_back_failed: (p) => `Non è stato possibile riprendere i post programmati sulla rete: ${p.detail}`,
    sign_in_expired: (_p) => 'L’accesso ha richiesto troppo tempo ed è stato interrotto. Ricomincia.',
    sign_in_cancelled: (_p) => 'L’accesso è stato annullato.',
    sign_in_denied: (p) => `L’autorizzazione è stata negata su ${p.where}, quindi Kairos non è collegato. Ricomincia se è stato un errore.`,
    sign_in_refused: (p) =>
      `${p.where} non ha autorizzato Kairos: ${p.reason}. ${p.check === 'app_settings' ? 'Controlla le impostazioni dell’app (URL di reindirizzamento, prodotti, permessi) e ricomincia.' : 'Ricomincia da Kairos.'}`,
    metrics_failed: (p) => `${p.account}: ${p.reason} I numeri restano da leggere e verranno letti più tardi.`,
    metrics_replies_refused: (p) => `${p.account}: ${p.reason}`,
    metrics_spacing_out: (_p) => 'Kairos distanzia le richieste a questa rete e leggerà il resto tra poco.',
    metrics_not_readable_yet: (p) => `${p.account}: alcuni post non si possono ancora leggere.`,

    conversation_unreadable: (p) => `Kairos non è riuscito a leggere la conversazione di questa rete (${p.detail}). Riproverà.`,
    evergreen_duplicate_refused: (p) => `${p.account}: ${p.platform} rifiuta un post identico a uno precedente; aggiungi una variante.`,
    evergreen_duplicate_discouraged: (p) =>
      `${p.account}: una ripetizione identica può essere nascosta come spam su ${p.platform}; aggiungi una variante perché ogni ripubblicazione sia diversa.`,
    evergreen_variation_does_not_fit: (p) => `Variante ${p.variation}: ${wordsForIssue(p.issue, problemsIt.issues)}`,

    import_not_real_date: (p) =>
      `«${p.value}» non è una data vera${p.order === null ? '' : ` (${p.order === 'dmy' ? 'giorno/mese/anno' : 'mese/giorno/anno'})`}.`,
    import_date_unreadable: (p) => `«${p.value}» non è una data che Kairos sa leggere; scrivila come AAAA-MM-GG, per esempio 2026-12-24.`,
    import_time_unreadable: (p) => `«${p.value}» non è un orario che Kairos sa leggere; scrivilo come HH:mm (24 ore), per esempio 14:30.`,
    import_not_time_of_day: (p) => `«${p.value}» non è un’ora del giorno.`,
    import_not_real_date_time: (p) => `«${p.value}» non è una data e ora vera.`,
    import_date_ambiguous: (p) => `«${p.value}» può essere giorno/mese o mese/giorno; scegli l’ordine della data.`,
    import_date_without_time: (p) => `«${p.value}» ha una data ma non un orario.`,
    import_time_without_date: (p) => `C’è un orario (${p.time}) ma non una data.`,
    import_date_needs_time: (p) => `C’è una data (${p.date}) ma non un orario; aggiungilo come HH:mm.`,
    import_row_fields: (p) =>
      `Questa riga ha ${n(p.fields)} campi ma l’intestazione ne ha ${n(p.header)}: un separatore dentro un testo senza virgolette? Metti il testo tra virgolette doppie.`,
    import_formula: (p) =>
      `La colonna «${p.column}» inizia con «${p.start}…», che un foglio di calcolo esegue come formula; Kairos non importa formule. Se il testo inizia davvero così, mettici davanti un apostrofo (').`,
    import_unknown_account: (p) =>
      `Account sconosciuto «${p.name}». Collegalo in Account o usa uno dei tuoi (${p.yours.join(', ') || 'nessuno ancora collegato'}).`,
    import_versions_not_json: (_p) => 'La colonna delle versioni non è JSON come {"Brand": "testo per Brand"}.',
    import_version_no_account: (p) => `La versione per «${p.name}» non nomina nessuno dei tuoi account.`,
    import_version_not_text: (p) => `La versione per «${p.name}» non è testo.`,
    import_version_left_out: (p) => `La versione per «${p.name}» resta fuori: la riga non pubblica su quell’account.`,
    import_no_date: (_p) => 'Nessuna data: arriva come bozza.',
    import_time_past: (p) =>
      `${p.date} ${p.time} (${p.timeZone}) è nel passato. Cambia la data, o svuotala per importare la riga come bozza.`,
    import_label_long: (p) => `L’etichetta «${p.start}…» supera i 60 caratteri.`,
    import_too_many_labels: (_p) => 'Un post può avere al massimo 20 etichette.',
    import_media_link: (p) =>
      `${p.url} è un link web; Kairos allega file di questo computer, quindi questo resta fuori. Scaricalo e allegalo nel composer.`,
    import_media_not_read_here: (p) =>
      `Percorso del file «${p.path}»: l’app non legge i file nominati in un CSV. Allegali nel composer, o importa con «kairos import FILE».`,
    import_media_relative: (p) =>
      `Il percorso del file «${p.path}» è relativo; scrivi il percorso completo (come /home/me/pictures/launch.png).`,
    import_media_missing: (p) => `File non trovato: ${p.path}.`,
    import_media_folder: (p) => `Il percorso ${p.path} è una cartella, non un file.`,
    import_media_kind: (p) => `${p.path} non è un’immagine o un video che Kairos può pubblicare (PNG, JPEG, GIF, WebP, MP4, WebM, MOV).`,
    import_media_too_large: (p) => `${p.path} supera i ${n(p.maxMb)} MB.`,
    import_no_text: (_p) => 'Questa riga non ha testo.',
    import_comment_delay: (p) => `«${p.value}» non è un numero di minuti tra 0 e 10080.`,
    import_no_replies: (p) => `${p.account} non può rispondere dal proprio account; il primo commento viene pubblicato solo dove si può.`,
    import_no_account: (_p) =>
      'Questa riga non nomina nessun account. Scegli gli account per le righe che non ne hanno, o aggiungi una colonna degli account.',
    import_first_comment: (p) => `Primo commento: ${wordsForIssue(p.issue, problemsIt.issues)}`,
  },
  issues: {
    too_long: (p) => `Troppo lungo per ${place(p)}: ${n(p.length)} caratteri su ${n(p.limit)}, ${n(p.length - p.limit)} di troppo.`,
    too_many_bytes: (p) => `Troppo lungo per ${place(p)}: ${n(p.bytes)} byte su ${n(p.limit)}, ${n(p.bytes - p.limit)} di troppo.`,
    too_long_with_warning: (p) =>
      `Troppo lungo per ${p.network} con la riga dell’avviso sul contenuto${at(p)}: ${n(p.length)} ${p.bytes ? 'byte' : 'caratteri'} su ${n(p.limit)}, ${n(p.length - p.limit)} di troppo.`,
    empty_part: (p) => `La parte ${p.part} del thread è vuota.`,
    needs_text: (p) =>
      p.orMedia === null
        ? `${p.network} ha bisogno di un testo da pubblicare.`
        : `${p.network} ha bisogno di un testo o ${p.orMedia === 'file' ? 'di un file' : p.orMedia === 'image' ? 'di un’immagine' : 'di un contenuto multimediale'}${at(p)}.`,
    no_threads: (p) =>
      p.network === 'LinkedIn'
        ? 'LinkedIn non ha thread. Metti tutto in un solo post per LinkedIn (dagli una sua versione), o lascia LinkedIn fuori da questo thread.'
        : 'I webhook di Discord pubblicano messaggi singoli; lì i thread non sono supportati.',
    no_media_yet: (_p) => 'Per ora Kairos pubblica solo testo su Discord; togli i file per questo account.',
    no_polls: (p) => `Kairos non invia sondaggi a ${p.network}; togli il sondaggio per questo account.`,
    public_only: (p) => `I post su ${p.network} sono pubblici; imposta la visibilità su pubblica o lascia fuori ${p.network}.`,
    public_or_connections: (_p) => 'I post di LinkedIn sono pubblici o solo per i tuoi collegamenti; scegli Pubblico o Solo follower.',
    no_content_warnings: (p) => `${p.network} non ha avvisi sul contenuto; toglilo o lascia ${p.network} fuori da questo post.`,
    too_many_files: (p) => `${partOrPost(p)} ha ${n(p.count)} file; ${p.network} ne accetta al massimo ${n(p.max)}.`,
    too_many_attachments: (p) => `${partOrPost(p)} ha ${n(p.count)} allegati; ${p.host} ne accetta ${n(p.max)} per post.`,
    images_only: (p) => `Per ora Kairos pubblica su ${p.network} immagini, non video: togli ${p.fileName} per questo account.`,
    alt_too_long: (p) =>
      `La descrizione di ${p.fileName} ha ${n(p.length)} caratteri; ${p.network} ne accetta al massimo ${n(p.max)}${at(p)}. Accorciala.`,
    language_code: (p) => `«${p.language}» non è un codice di lingua che ${p.network} accetta; usane uno come en, it o pt-BR.`,
    file_type_refused: (p) => `«${p.fileName}» è un file ${p.mime}, che ${p.host ?? p.network} non accetta.`,
    file_kind_not_shown: (p) => `${p.fileName} è un tipo di file che le app Nostr non mostrano${at(p)}.`,
    file_too_big: (p) => `«${p.fileName}» pesa ${mb(p.bytes)}; ${p.host ?? p.network} accetta fino a ${mb(p.max)}${at(p)}.`,
    too_many_pixels: (p) =>
      `«${p.fileName}» è di ${n(p.width)}×${n(p.height)} pixel (${megapixels(p.width * p.height)}); ${p.host ?? p.network} accetta fino a ${megapixels(p.max)}. Usa una versione più piccola.`,
    media_first_part_only: (_p) => 'LinkedIn pubblica solo la prima parte, quindi le sue immagini devono stare nella prima parte.',
    media_mix: (p) => `${partOrPost(p)} mescola contenuti che X non pubblica insieme: una GIF o un video per post, da soli.`,
    album_mix: (p) =>
      `Un album di Telegram contiene foto e video, oppure documenti, non entrambi${at(p)}: sposta i documenti in un’altra parte.`,
    caption_too_long: (p) =>
      `Con i file, Telegram accetta una didascalia di ${n(p.max)} caratteri; questa ne ha ${n(p.length)}${at(p)}. Accorciala, o metti il testo in una parte a sé.`,
    nostr_needs_media_server: (p) =>
      `I relay non conservano file: aggiungi un server di file (Blossom) a questo account Nostr in Account, o lascia fuori i file per questo account${at(p)}.`,
    warning_over_limit: (p) =>
      `${partOrPost(p)} con il suo avviso sul contenuto ha ${n(p.total)} caratteri su ${n(p.limit)}, ${n(p.total - p.limit)} di troppo (${p.host} conta anche l’avviso).`,
    poll_and_media: (_p) =>
      'Un post di Mastodon non può avere sia un sondaggio sia dei file; sposta i file in un’altra parte o togli il sondaggio.',
    poll_options: (p) => `Il sondaggio ha ${n(p.count)} opzioni; ${p.host} ne accetta ${n(p.max)}.`,
    poll_option_long: (p) => `L’opzione «${p.option}» supera i ${n(p.max)} caratteri, il massimo che ${p.host} accetta.`,
    poll_duration: (p) => `Il sondaggio deve durare tra ${n(p.minMinutes)} minuti e ${n(p.maxDays)} giorni su ${p.host}.`,
  },
};
