// Every problem the backend reports, by code: its params, the kind of error it is, and its English words.
// The renderer words each code in its own languages (renderer/src/i18n/*-problems.ts); the CLI and the envelope's
// `message` use the English here. Params carry values (names, numbers, ids), never sentences, except where a
// code says it carries another party's words (a network's reason, a file system's error text).

import type { ErrorCode } from './errorCodes';

/** What a `not_found` problem is about. */
export type Thing =
  | 'account'
  | 'queue'
  | 'evergreen_queue'
  | 'sign_in'
  | 'published_post'
  | 'report_schedule'
  | 'file'
  | 'feed'
  | 'post'
  | 'alert'
  | 'awareness_day'
  | 'watch_term'
  | 'recurring_post';

/** A stored value read back through its schema (main/core/stores/stored.ts); `name` says whose it is. */
export type StoredItem =
  | 'post_options'
  | 'post_labels'
  | 'post_thread'
  | 'part_reference'
  | 'account_settings'
  | 'login'
  | 'recurring_rule'
  | 'recurring_content'
  | 'conversation_setting'
  | 'awareness_rule'
  | 'report_accounts'
  | 'report_labels'
  | 'saved_signals'
  | 'saved_mentions'
  | 'saved_trends';

const STORED_EN: Readonly<Record<StoredItem, (name: string) => string>> = {
  post_options: (name) => `the options of post ${name}`,
  post_labels: (name) => `the labels of post ${name}`,
  post_thread: (name) => `the thread of post ${name}`,
  part_reference: (name) => `the network reference of target ${name}`,
  account_settings: (name) => `the settings of account ${name}`,
  login: (name) => `the saved login of ${name}`,
  recurring_rule: (name) => `the rule of recurring series ${name}`,
  recurring_content: (name) => `the content of recurring series ${name}`,
  conversation_setting: (name) => `the conversation setting "${name}"`,
  awareness_rule: (name) => `the rule of the awareness day "${name}"`,
  report_accounts: (name) => `the accounts of report schedule ${name}`,
  report_labels: (name) => `the labels of report schedule ${name}`,
  saved_signals: (name) => `the saved signals of account ${name}`,
  saved_mentions: (name) => `the saved mentions of account ${name}`,
  saved_trends: (name) => `the trends seen for account ${name}`,
};

const THING_EN: Readonly<Record<Thing, (name: string) => string>> = {
  account: () => 'That account',
  queue: () => 'That queue',
  evergreen_queue: (name) => `The evergreen queue "${name}"`,
  sign_in: () => 'That sign-in',
  published_post: () => 'A published post with that id',
  report_schedule: () => 'That report schedule',
  file: () => 'That file',
  feed: () => 'That feed',
  post: () => 'That post',
  alert: () => 'That alert',
  awareness_day: () => 'That awareness day',
  watch_term: () => 'That watch term',
  recurring_post: () => 'That recurring post',
};

export type ShellWord = 'electron' | 'browser' | 'cli';
const SHELL_EN: Readonly<Record<ShellWord, string>> = {
  electron: 'the desktop window',
  browser: 'browser mode',
  cli: 'the kairos command',
};

/** A zod issue, as values: its code and bounds, and zod's own English (kept for the CLI and scripts). */
export interface InputIssue {
  readonly field: string | null;
  /** zod's issue code: invalid_type, too_small, too_big, invalid_format, invalid_value, custom, ... */
  readonly issue: string;
  readonly minimum?: number;
  readonly maximum?: number;
  /** zod's message, or the schema's own words for a custom rule. */
  readonly text: string;
}

type Empty = Readonly<Record<string, never>>;
/** `part` is the 1-based part number when the post is a thread, else null. */
const at = (w: { part: number | null }, prefix = ' in part ') => (w.part === null ? '' : `${prefix}${w.part}`);
const partOrPost = (w: { part: number | null }) => (w.part === null ? 'The post' : `Part ${w.part}`);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;
const megapixels = (px: number) => `${(px / 1_000_000).toFixed(1).replace(/\.0$/, '')} megapixels`;
/** A length of time in words, for notes: "1 hour", "30 minutes", "1 day". */
const shiftWords = (minutes: number) =>
  minutes % 1440 === 0
    ? minutes === 1440
      ? '1 day'
      : `${minutes / 1440} days`
    : minutes % 60 === 0
      ? minutes === 60
        ? '1 hour'
        : `${minutes / 60} hours`
      : `${minutes} minutes`;
const lengthPlace = (p: { account: string; part: number | null; firstComment?: boolean }) =>
  `${p.account}${p.part !== null ? `, part ${p.part}` : ''}${p.firstComment ? ', first comment' : ''}`;

interface Entry {
  readonly kind: ErrorCode;
  readonly en: (p: never) => string;
}

export const PROBLEMS = {
  // ---- requests, storage, the unexpected -------------------------------------------------------
  unknown_request: { kind: 'invalid_input', en: (p: { channel: string }) => `Unknown request "${p.channel}".` },
  /** The channel is in the contract, but no feature of this build answers it. */
  no_handler: { kind: 'invalid_input', en: (p: { channel: string }) => `This build of Kairos cannot answer "${p.channel}".` },
  no_channel: { kind: 'invalid_input', en: (_: Empty) => 'The request has no channel name.' },
  request_not_understood: { kind: 'invalid_input', en: (_: Empty) => 'The request was not understood.' },
  request_body_invalid: { kind: 'invalid_input', en: (_: Empty) => 'The request body is not valid JSON or is too large.' },
  input_invalid: {
    kind: 'invalid_input',
    en: (p: InputIssue) => `${p.field ? `${p.field}: ` : ''}${p.text}`,
  },
  not_allowed_here: {
    kind: 'not_allowed',
    en: (p: { channel: string; shell: ShellWord }) =>
      p.channel === 'media.addFile'
        ? `${p.channel} is not available in ${SHELL_EN[p.shell]}: it reads a file by its path, which only the kairos command may do. Attach files with the Add button or by dropping them.`
        : `${p.channel} is not available in ${SHELL_EN[p.shell]}.`,
  },
  page_not_trusted: { kind: 'unauthorized', en: (_: Empty) => 'This page is not allowed to talk to Kairos.' },
  wrong_host: { kind: 'unauthorized', en: (_: Empty) => 'Requests must be addressed to 127.0.0.1.' },
  other_site: { kind: 'unauthorized', en: (_: Empty) => 'Requests from other sites are refused.' },
  token_required: {
    kind: 'unauthorized',
    en: (_: Empty) => 'This Kairos server needs its access token. Open the link that "kairos serve" printed.',
  },
  use_method: { kind: 'unauthorized', en: (p: { method: 'POST' | 'GET' }) => `Use ${p.method}.` },
  send_json: { kind: 'unauthorized', en: (_: Empty) => 'Send JSON.' },
  /** The browser-mode server failed serving a request; `detail` is the error's own text. */
  server_failed: { kind: 'internal', en: (p: { detail: string }) => p.detail },
  disk_full: { kind: 'storage_error', en: (_: Empty) => 'The disk is full. Free some space and try again; nothing was saved.' },
  database_read_only: {
    kind: 'storage_error',
    en: (_: Empty) => 'The database is read-only. Check the data folder permissions; nothing was saved.',
  },
  storage_full: {
    kind: 'storage_error',
    en: (p: { path: string }) =>
      `The disk holding ${p.path} is full. Free some space; nothing was half-written, and Kairos will carry on when it can write again.`,
  },
  storage_read_only: {
    kind: 'storage_error',
    en: (p: { path: string }) =>
      `Kairos cannot write to ${p.path} (it is read-only). Check the folder's permissions or the disk; nothing was half-written.`,
  },
  database_damaged: {
    kind: 'storage_error',
    en: (p: { path: string }) => `The database at ${p.path} is damaged. Publishing has stopped; restore the latest backup.`,
  },
  storage_io_error: {
    kind: 'storage_error',
    en: (p: { path: string; code: string }) => `Reading or writing ${p.path} failed (${p.code}). Check the disk; nothing was half-written.`,
  },
  storage_locked: {
    kind: 'storage_error',
    en: (p: { path: string }) => `Another program is holding ${p.path} locked. Kairos will try again shortly.`,
  },
  database_damaged_at_start: {
    kind: 'storage_error',
    en: (p: { path: string; detail: string; backup: { at: string; fileName: string } | null }) =>
      p.backup
        ? `The database at ${p.path} is damaged (${p.detail}), so Kairos has not started publishing. Restore the latest good backup, from ${p.backup.at} (${p.backup.fileName}); the damaged file will be kept beside it.`
        : `The database at ${p.path} is damaged (${p.detail}) and there is no good backup to restore, so Kairos has not started publishing. Move the file aside to start afresh, or ask for help recovering it.`,
  },
  database_unopenable: {
    kind: 'storage_error',
    en: (p: { path: string; detail: string }) => `The database at ${p.path} could not be opened: ${p.detail}`,
  },
  database_too_new: {
    kind: 'storage_error',
    en: (p: { path: string; schema: number; known: number }) =>
      `The database at ${p.path} was written by a newer Kairos (schema ${p.schema}, this one knows ${p.known}). Update Kairos.`,
  },
  backup_not_kept: {
    kind: 'storage_error',
    en: (p: { path: string; reason: string }) =>
      `The backup of ${p.path} was not kept because ${p.reason}. The database itself may be damaged.`,
  },
  backup_unrestorable: {
    kind: 'storage_error',
    en: (p: { reason: string }) => `That backup cannot be restored because ${p.reason}. Pick another one.`,
  },
  /** A stored value that is not what Kairos wrote; `at` is the first field that is wrong, null when it is not JSON. */
  stored_value_damaged: {
    kind: 'storage_error',
    en: (p: { item: StoredItem; name: string; at: string | null }) =>
      `Kairos could not read ${STORED_EN[p.item](p.name)}: the saved value is damaged (${p.at === null ? 'not valid JSON' : `at ${p.at}`}). Save it again, or restore a backup from Settings.`,
  },
  backup_in_memory: { kind: 'storage_error', en: (_: Empty) => 'This database lives in memory and has no backups.' },
  workspace_backups_elsewhere: {
    kind: 'storage_error',
    en: (_: Empty) =>
      "A workspace's posts live in its PostgreSQL database, which the team backs up with pg_dump on the database server; Kairos makes no file copies of it.",
  },
  backup_missing: { kind: 'not_found', en: (p: { fileName: string }) => `There is no backup called ${p.fileName}.` },
  no_backup_yet: {
    kind: 'not_found',
    en: (_: Empty) => 'There is no sound backup to restore yet. Make one with "Back up now" first.',
  },
  /** An error nobody expected; `detail` is its own text (a programming or system error, never a secret). */
  unexpected: { kind: 'internal', en: (p: { detail: string }) => `Something went wrong: ${p.detail}` },
  no_answer: { kind: 'internal', en: (p: { detail: string }) => `Kairos could not answer: ${p.detail}` },
  /** The renderer's own: the backend could not be reached, or answered with something that is not an envelope. */
  backend_unreachable: {
    kind: 'unreachable',
    en: (_: Empty) => 'Kairos is not answering. Check that it is still running, then try again.',
  },
  bad_reply: {
    kind: 'internal',
    en: (_: Empty) => 'Kairos sent a reply this window could not read. Reload the page and try again.',
  },
  /** The conversation panel's own: no post or day is selected, so nothing is asked. */
  nothing_selected: { kind: 'invalid_input', en: (_: Empty) => 'Nothing is selected.' },

  // ---- things that are not there ---------------------------------------------------------------
  not_found: { kind: 'not_found', en: (p: { thing: Thing; name?: string }) => `${THING_EN[p.thing](p.name ?? '')} was not found.` },
  no_such_account: {
    kind: 'not_found',
    en: (p: { id: string }) => `There is no account "${p.id}". Pick one from Accounts.`,
  },
  unknown_account_id: {
    kind: 'invalid_input',
    en: (p: { id: string }) => `There is no account "${p.id}". Run "accounts list" to see yours.`,
  },
  unknown_account_again: {
    kind: 'invalid_input',
    en: (p: { id: string }) => `There is no account "${p.id}"; pick the accounts again.`,
  },
  unknown_import_account: {
    kind: 'invalid_input',
    en: (p: { id: string }) => `There is no account "${p.id}". Pick one from Accounts.`,
  },
  skipped_account_gone: {
    kind: 'invalid_input',
    en: (_: Empty) => 'One of the accounts to skip no longer exists. Reload the settings and try again.',
  },
  feed_gone: { kind: 'not_found', en: (_: Empty) => 'This calendar feed does not exist or was turned off.' },
  media_gone: {
    kind: 'invalid_input',
    en: (p: { id: string }) => `The attached file ${p.id} is no longer available; attach it again.`,
  },

  // ---- accounts and sign-ins --------------------------------------------------------------------
  platform_unsupported: {
    kind: 'internal',
    en: (p: { platform: string }) => `Kairos has no support for ${p.platform} in this version.`,
  },
  platform_not_connectable: {
    kind: 'invalid_input',
    en: (p: { platform: string }) => `Kairos cannot connect ${p.platform} accounts yet.`,
  },
  platform_not_publishable: {
    kind: 'invalid_input',
    en: (p: { platform: string }) => `Kairos cannot publish to ${p.platform} in this version.`,
  },
  network_support_missing: {
    kind: 'invalid_input',
    en: (p: { network: string }) => `This version of Kairos has no ${p.network} support.`,
  },
  reconnect_other_platform: {
    kind: 'invalid_input',
    en: (p: { platform: string }) => `This is a ${p.platform} account; reconnect it with ${p.platform} credentials.`,
  },
  wrong_network_account: {
    kind: 'invalid_input',
    en: (p: { name: string; network: string }) => `${p.name} is not a ${p.network} account.`,
  },
  pick_bluesky_account: { kind: 'invalid_input', en: (_: Empty) => 'Pick a Bluesky account to check mentions with.' },
  signed_in_as_other: {
    kind: 'invalid_input',
    en: (p: { signedIn: string; expected: string }) =>
      `You signed in as ${p.signedIn}, but this account is ${p.expected}. Sign in as ${p.expected} to reconnect it.`,
  },
  app_secret_unreadable: {
    kind: 'auth_required',
    en: (p: { name: string }) =>
      `Kairos cannot read the app secret saved with ${p.name} here. Connect it again from the LinkedIn form (same member: its posts are kept).`,
  },
  not_nostr_account: { kind: 'invalid_input', en: (_: Empty) => 'Only Nostr accounts have a secret key Kairos can show.' },
  nostr_remote_signer: {
    kind: 'invalid_input',
    en: (_: Empty) => 'This account signs with a remote signer: its key lives there, not in Kairos. Back it up in your signer app.',
  },
  handoff_unavailable: {
    kind: 'invalid_input',
    en: (p: { handle: string }) => `${p.handle}'s server cannot hold scheduled posts, so Kairos publishes them itself.`,
  },
  /**
   * A network's (or an adapter's) own reason, as it said it: sign-in refused, server unreachable, a check that
   * failed. `kind` of the KairosError says which (auth_required, unreachable, invalid_input, platform_error).
   */
  platform_said: { kind: 'platform_error', en: (p: { reason: string }) => p.reason },
  /** Why a login cannot be used by this process (another kind of process sealed it, key file missing, ...). */
  login_unusable: { kind: 'auth_required', en: (p: { reason: string }) => p.reason },

  // ---- saved logins: why a kind of Kairos process cannot open one, and how credentials are kept -----------
  // Stored with the account (credential_problems, migration 0013), so their params are checked on read
  // (main/core/repos/credentialProblems.ts).
  login_in_desktop_keychain: {
    kind: 'auth_required',
    en: (_: Empty) =>
      "This account's login was saved by the Kairos desktop app in the system keychain, which the kairos command and browser mode cannot open. " +
      'The desktop app publishes its posts; to publish from here too, log in to the account again here.',
  },
  login_keychain_locked: {
    kind: 'auth_required',
    en: (_: Empty) =>
      "This account's login is locked in the system keychain, which is not available now. Unlock it and restart Kairos, or log in to the account again.",
  },
  /** `file` is the key file's name, `folder` the data folder it belongs in. */
  login_key_file_missing: {
    kind: 'auth_required',
    en: (p: { file: string; folder: string }) =>
      `The key file ${p.file} is missing from ${p.folder}, so this account's saved login cannot be read. ` +
      `Put ${p.file} back from a backup of that folder and restart Kairos, or log in to the account again.`,
  },
  login_key_file_damaged: {
    kind: 'auth_required',
    en: (p: { path: string }) =>
      `The key file ${p.path} is damaged, so saved logins cannot be read. Put it back from a backup of the data folder, or log in to the accounts again.`,
  },
  login_unknown_format: {
    kind: 'auth_required',
    en: (_: Empty) => "This account's saved login is in a format Kairos does not know. Log in to the account again.",
  },
  login_wrong_key: {
    kind: 'auth_required',
    en: (p: { file: string; folder: string }) =>
      `This account's saved login does not open with the ${p.file} in ${p.folder}: it was sealed with another key, or damaged. ` +
      `Put the matching ${p.file} back from a backup, or log in to the account again.`,
  },
  login_other_server_key: {
    kind: 'auth_required',
    en: (p: { keyId: string }) =>
      `This account's saved login was sealed with another server key than this server's (${p.keyId}). Start the server with the key it was sealed with, or log in to the account again.`,
  },
  login_damaged: {
    kind: 'auth_required',
    en: (_: Empty) => "This account's saved login is damaged and cannot be read. Log in to the account again.",
  },
  /** Words an earlier version of Kairos saved as text (before migration 0013), kept as they were. */
  earlier_note: { kind: 'internal', en: (p: { text: string }) => p.text },
  key_file_in_data_folder: {
    kind: 'internal',
    en: (_: Empty) =>
      'Credentials are encrypted with a key stored in your Kairos data folder, not in the system keychain: anyone who can read that folder can read them.',
  },
  keychain_basic_text: {
    kind: 'internal',
    en: (_: Empty) =>
      'No system keychain (such as GNOME Keyring or KWallet) was found, so Kairos does not use the fixed key built into Chromium, ' +
      'which any program could use: credentials are encrypted with the key file in your Kairos data folder instead. ' +
      'Set up a keychain and restart Kairos to keep them in the keychain.',
  },
  keychain_unavailable: {
    kind: 'internal',
    en: (_: Empty) =>
      'The system keychain is not available, so credentials are encrypted with the key file in your Kairos data folder instead.',
  },
  /** The key file is gone while these accounts' logins need it. */
  key_file_lost: {
    kind: 'auth_required',
    en: (p: { file: string; names: readonly string[] }) =>
      `The key file ${p.file} is missing from the Kairos data folder, so the saved logins of ${p.names.join(', ')} cannot be read. ` +
      'Put it back from a backup of the folder and restart Kairos, or log in to those accounts again.',
  },

  // ---- time and dates ---------------------------------------------------------------------------
  time_zone_unknown: {
    kind: 'invalid_input',
    en: (p: { timeZone: string }) => `"${p.timeZone}" is not a known time zone (use a name like Europe/Rome).`,
  },
  time_zone_not_known: {
    kind: 'invalid_input',
    en: (p: { timeZone: string }) => `"${p.timeZone}" is not a time zone Kairos knows. Use a name such as Europe/Rome.`,
  },
  not_a_date: { kind: 'invalid_input', en: (p: { date: string }) => `"${p.date}" is not a date; write it as YYYY-MM-DD.` },
  not_a_time: { kind: 'invalid_input', en: (p: { time: string }) => `"${p.time}" is not a time; write it as HH:mm (24-hour).` },
  not_a_real_time: {
    kind: 'invalid_input',
    en: (p: { date: string; time: string }) => `${p.date} ${p.time} is not a real date and time.`,
  },
  date_not_in_calendar: { kind: 'invalid_input', en: (p: { date: string }) => `${p.date} does not exist in the calendar.` },
  not_a_calendar_date: { kind: 'invalid_input', en: (p: { date: string }) => `${p.date} is not a date on the calendar.` },
  day_or_zone_invalid: { kind: 'invalid_input', en: (_: Empty) => 'That day or time zone is not valid.' },
  time_past: {
    kind: 'invalid_input',
    en: (p: { or: 'post_now' | 'publish_now' }) =>
      `That time is in the past. Pick a time from now on, or ${p.or === 'post_now' ? 'post' : 'publish'} now.`,
  },
  wall_time_past: {
    kind: 'invalid_input',
    en: (p: { date: string; time: string; timeZone?: string }) =>
      p.timeZone === undefined
        ? `${p.date} ${p.time} is in the past. Pick a time from now on.`
        : `${p.date} ${p.time} (${p.timeZone}) is in the past. Pick a time from now on, or post now.`,
  },
  resume_past: {
    kind: 'invalid_input',
    en: (_: Empty) => 'The time to resume is already past. Pick a later time, or resume by hand.',
  },
  stop_date_past: {
    kind: 'invalid_input',
    en: (_: Empty) => 'The stop date is already past. Pick a later day, or leave it empty for no end.',
  },
  end_before_start: { kind: 'invalid_input', en: (_: Empty) => 'The end date is before the start date. Swap them and try again.' },
  range_too_long: { kind: 'invalid_input', en: (p: { days: number }) => `Ask for at most ${p.days} days at a time.` },
  slot_day_invalid: {
    kind: 'invalid_input',
    en: (p: { day: string }) => `"${p.day}" is not a day of the week; use mon, tue, wed, thu, fri, sat or sun.`,
  },
  slot_time_invalid: {
    kind: 'invalid_input',
    en: (p: { time: string }) => `"${p.time}" is not a time of day; write it as HH:mm (24-hour), like 09:30.`,
  },
  rule_start_not_date: {
    kind: 'invalid_input',
    en: (p: { date: string }) => `The start date "${p.date}" is not a date; write it as YYYY-MM-DD.`,
  },
  rule_end_not_date: {
    kind: 'invalid_input',
    en: (p: { date: string }) => `The end date "${p.date}" is not a date; write it as YYYY-MM-DD.`,
  },
  rule_end_before_start: { kind: 'invalid_input', en: (_: Empty) => 'The end date is before the start date.' },
  rule_interval: { kind: 'invalid_input', en: (_: Empty) => 'The interval is a whole number from 1 to 366.' },
  rule_no_days: { kind: 'invalid_input', en: (_: Empty) => 'Pick at least one day of the week.' },
  rule_bad_weekday: { kind: 'invalid_input', en: (p: { days: string }) => `Days of the week are ${p.days}.` },
  rule_month_day: { kind: 'invalid_input', en: (_: Empty) => 'The day of the month is 1 to 31, or -1 for the last day.' },
  rule_week_of_month: {
    kind: 'invalid_input',
    en: (_: Empty) => 'Which weekday of the month is 1 to 5, or -1 for the last.',
  },
  rule_never_occurs: {
    kind: 'invalid_input',
    en: (_: Empty) => 'This rule has no occurrence from now on; check the dates.',
  },

  // ---- settings ----------------------------------------------------------------------------------
  grace_minutes: { kind: 'invalid_input', en: (_: Empty) => 'The grace window is a whole number of minutes.' },
  theme_value: { kind: 'invalid_input', en: (_: Empty) => 'Theme is system, light or dark.' },
  locale_value: { kind: 'invalid_input', en: (_: Empty) => 'Language is system, en or it.' },
  no_holiday_calendar: {
    kind: 'invalid_input',
    en: (p: { country: string }) => `Kairos has no holiday calendar for "${p.country}". Pick a country from the list.`,
  },
  folder_path: { kind: 'invalid_input', en: (_: Empty) => 'Pick a whole folder path, like /home/me/Reports.' },
  /** A scheduled report could not be written; `detail` is the error's own text (a file system's, the PDF renderer's). */
  report_not_written: {
    kind: 'storage_error',
    en: (p: { cadence: 'weekly' | 'monthly'; folder: string; detail: string }) =>
      `The ${p.cadence} report could not be written to ${p.folder}: ${p.detail}`,
  },

  // ---- posts, queue, decisions -------------------------------------------------------------------
  pick_an_account: {
    kind: 'invalid_input',
    en: (_: Empty) => 'Pick at least one account to post to, or save it as a draft.',
  },
  draft_without_accounts: {
    kind: 'invalid_input',
    en: (_: Empty) => 'This draft has no accounts yet; open it and pick where it goes.',
  },
  publishing_now: {
    kind: 'conflict',
    en: (_: Empty) => 'This post is being published right now; wait a moment and try again.',
  },
  already_published: {
    kind: 'conflict',
    en: (_: Empty) => 'This post is already published; published posts cannot be changed or moved.',
  },
  no_slots: {
    kind: 'conflict',
    en: (_: Empty) => 'These accounts have no posting slots yet. Add some in the queue settings, or pick a time.',
  },
  slots_full: {
    kind: 'conflict',
    en: (p: { weeks: number }) =>
      `Every posting slot of these accounts in the next ${p.weeks} weeks already has a post. Add more slots, or pick a time.`,
  },
  decision_not_draft: {
    kind: 'invalid_input',
    en: (_: Empty) => 'A post needing a decision can be published, rescheduled or discarded, not made a draft.',
  },
  decision_not_applicable: {
    kind: 'conflict',
    en: (p: { states: readonly string[] }) =>
      `Nothing of this post can take that decision: it is ${p.states.join(', ') || 'without accounts'}. Decisions apply to held, missed, unconfirmed or failed posts.`,
  },
  nothing_to_hold: {
    kind: 'conflict',
    en: (_: Empty) => 'Nothing of this post can be held: only scheduled, retrying or missed posts can.',
  },
  not_awaiting_preflight: {
    kind: 'conflict',
    en: (_: Empty) => 'This post is not waiting for a pre-flight decision. Reload it to see where it stands.',
  },
  another_publisher: {
    kind: 'conflict',
    en: (p: { holder: string | null }) =>
      `Another instance is publishing for this database: ${p.holder ?? 'another Kairos process'}. Stop it first.`,
  },
  /** The first thing that stops a post from going out to one account (see `TargetCheck.issues`). */
  post_does_not_fit: {
    kind: 'invalid_input',
    en: (p: { issue: Issue | null }) => (p.issue ? wordsForIssue(p.issue) : 'The text does not fit.'),
  },

  /** posts.update carried the updatedAt the change was made from, and the post has changed since. */
  post_changed_elsewhere: {
    kind: 'conflict',
    en: (_: Empty) =>
      'Someone else changed this post after you opened it, so your change was not saved over theirs. Reopen it to see their version, then make your change again.',
  },

  // ---- the desktop app as a workspace client -------------------------------------------------------
  workspace_url_invalid: {
    kind: 'invalid_input',
    en: (p: { url: string }) =>
      `"${p.url}" is not a workspace address. Type it as it opens in a browser, such as https://kairos.example.org.`,
  },
  workspace_sign_in_refused: {
    kind: 'auth_required',
    en: (_: Empty) => 'The workspace did not accept this email and password. Check both and try again.',
  },
  workspace_sign_in_limited: {
    kind: 'auth_required',
    en: (p: { minutes: number }) =>
      `Too many sign-in attempts: the workspace asks you to wait ${p.minutes === 1 ? 'a minute' : `${p.minutes} minutes`} before trying again.`,
  },
  workspace_unreachable: {
    kind: 'unreachable',
    en: (p: { url: string }) =>
      `The workspace at ${p.url} cannot be reached. Check the address and this computer's connection; Kairos keeps trying.`,
  },
  /** The secure connection failed: an untrusted or expired certificate, another name on it, or http and https mixed up. */
  workspace_tls_failed: {
    kind: 'unreachable',
    en: (p: { url: string; reason: 'certificate_untrusted' | 'certificate_expired' | 'wrong_name' | 'not_https' | 'https_expected' }) =>
      ({
        certificate_untrusted: `The workspace at ${p.url} shows a certificate this computer does not trust (self-signed, or from an unknown authority). Ask whoever runs it for a certificate from a public authority, such as Let's Encrypt.`,
        certificate_expired: `The certificate of the workspace at ${p.url} has expired or is not valid yet. Ask whoever runs it to renew it.`,
        wrong_name: `The certificate of the workspace at ${p.url} is for another address. Check the address, or ask whoever runs it to fix the certificate.`,
        not_https: `The workspace at ${p.url} does not speak HTTPS on that port. Check the address: it may start with http://, or need another port.`,
        https_expected: `The server at ${p.url} expects a secure connection. Type the address with https://.`,
      })[p.reason],
  },
  workspace_not_kairos: {
    kind: 'unreachable',
    en: (p: { url: string }) =>
      `The server at ${p.url} answered, but it is not a Kairos workspace. Check the address (the one you sign in at in a browser).`,
  },
  workspace_http_error: {
    kind: 'unreachable',
    en: (p: { url: string; status: number }) =>
      `The workspace at ${p.url} answered with an error (HTTP ${p.status}). Try again in a moment; if it lasts, tell whoever runs it.`,
  },
  workspace_signed_out: {
    kind: 'auth_required',
    en: (p: { url: string }) => `Your session at the workspace ${p.url} has ended. Sign in again in Settings → Workspace.`,
  },
  /** The app served by a workspace: its session ended (or was never opened); the page goes to sign in. */
  workspace_session_ended: {
    kind: 'auth_required',
    en: (_: Empty) => 'Your session at this workspace has ended. Sign in again to go on.',
  },
  /** The workspace server answers, but its database does not, for a moment. */
  workspace_database_unavailable: {
    kind: 'unreachable',
    en: (_: Empty) => 'The workspace database cannot be reached right now. Try again in a moment.',
  },
  workspace_not_connected: {
    kind: 'invalid_input',
    en: (_: Empty) => 'This computer is not connected to a workspace.',
  },
  /** The server's role check said no; `reason` is the server's own words. */
  workspace_refused: { kind: 'unauthorized', en: (p: { reason: string }) => p.reason },
  workspace_not_served: {
    kind: 'unreachable',
    en: (p: { channel: string }) => `This workspace server does not offer ${p.channel} yet. Update the server, or ask whoever runs it.`,
  },
  workspace_offline_read: {
    kind: 'unreachable',
    en: (p: { url: string }) =>
      `The workspace at ${p.url} is not reachable, so this cannot be shown now. Changes you make to posts meanwhile are kept on this computer.`,
  },
  workspace_change_kept: {
    kind: 'unreachable',
    en: (p: { pending: number }) =>
      `The workspace is not reachable: this change is kept on this computer and sent when it is (${p.pending === 1 ? '1 change waits' : `${p.pending} changes wait`}).`,
  },
  workspace_kept_as_draft: {
    kind: 'conflict',
    en: (p: { excerpt: string }) =>
      `Someone else changed this post since you went offline; your version is kept as a draft: "${p.excerpt}".`,
  },
  /** A change kept offline that the workspace refused when it was sent; `reason` is the workspace's own words. */
  workspace_change_refused: {
    kind: 'conflict',
    en: (p: { excerpt: string; reason: string }) => `A change made offline ("${p.excerpt}") was not taken by the workspace: ${p.reason}`,
  },
  /** A move (posts.reschedule) or cancel kept offline, of a post someone deleted before it was sent. */
  workspace_change_post_gone: {
    kind: 'conflict',
    en: (p: { excerpt: string; change: 'reschedule' | 'cancel' }) =>
      p.change === 'cancel'
        ? `Someone else deleted "${p.excerpt}" while you were offline, so there was nothing left to cancel.`
        : `Someone else deleted "${p.excerpt}" while you were offline, so the new time you gave it was not sent.`,
  },
  /** A move or cancel kept offline, of a post that went out before it was sent. */
  workspace_change_post_published: {
    kind: 'conflict',
    en: (p: { excerpt: string; change: 'reschedule' | 'cancel' }) =>
      p.change === 'cancel'
        ? `"${p.excerpt}" was published while you were offline, so it could no longer be cancelled.`
        : `"${p.excerpt}" was published while you were offline, so the new time you gave it was not sent.`,
  },

  // ---- media ------------------------------------------------------------------------------------
  media_unreadable_base64: {
    kind: 'invalid_input',
    en: (p: { fileName: string }) => `${p.fileName} could not be read (empty or not base64).`,
  },
  media_dialog_desktop_only: {
    kind: 'not_allowed',
    en: (_: Empty) => 'Choosing files with a dialog works in the desktop app; here, use Add or drop files.',
  },
  media_empty: { kind: 'invalid_input', en: (p: { fileName: string }) => `${p.fileName} is empty.` },
  media_too_large: {
    kind: 'invalid_input',
    en: (p: { fileName: string; maxMb: number }) => `${p.fileName} is larger than ${p.maxMb} MB.`,
  },
  media_file_too_large: {
    kind: 'invalid_input',
    en: (p: { fileName: string; maxMb: number }) => `${p.fileName} is larger than ${p.maxMb} MB, the most Kairos keeps for one file.`,
  },
  media_not_media: {
    kind: 'invalid_input',
    en: (p: { fileName: string; label: string; supported: string }) =>
      `${p.fileName} is not an image or video: it is ${p.label}. Kairos can post ${p.supported} files.`,
  },
  media_misnamed: {
    kind: 'invalid_input',
    en: (p: { fileName: string; label: string; claimed: string; ext: string }) =>
      `${p.fileName} is ${p.label}, not ${p.claimed} as its name or type says. Rename it to ${p.ext} or save it again in the format you meant.`,
  },
  media_disk_full: {
    kind: 'storage_error',
    en: (p: { fileName: string }) => `The disk is full, so ${p.fileName} could not be saved. Free some space and add it again.`,
  },
  media_not_saved: {
    kind: 'storage_error',
    en: (p: { fileName: string; detail: string }) => `${p.fileName} could not be saved in the Kairos data folder (${p.detail}).`,
  },
  file_unreadable: {
    kind: 'invalid_input',
    en: (p: { name: string; why: 'missing' | 'denied' | string }) =>
      `Cannot read ${p.name}: ${p.why === 'missing' ? 'no such file' : p.why === 'denied' ? 'permission denied' : p.why}.`,
  },
  file_is_link: {
    kind: 'invalid_input',
    en: (p: { name: string; hint: boolean }) =>
      `${p.name} is a link to another file; Kairos adds only the file itself.${p.hint ? " Give the real file's path." : ''}`,
  },
  file_not_regular: {
    kind: 'invalid_input',
    en: (p: { name: string; is: string }) => `${p.name} is not a regular file (it is ${p.is}); Kairos adds only image and video files.`,
  },
  file_changed: {
    kind: 'invalid_input',
    en: (p: { name: string }) => `${p.name} changed while Kairos was opening it; add it again.`,
  },

  // ---- import, export, reports -------------------------------------------------------------------
  file_write_failed: {
    kind: 'storage_error',
    en: (p: { path: string; detail: string }) => `Cannot write ${p.path}: ${p.detail}. Nothing else changed.`,
  },
  csv_unreadable: { kind: 'invalid_input', en: (p: { fileName: string; detail: string }) => `${p.fileName}: ${p.detail}` },
  csv_no_header: {
    kind: 'invalid_input',
    en: (p: { fileName: string }) => `${p.fileName} has no header line. The first line must name the columns (like date,time,text).`,
  },
  csv_duplicate_column: {
    kind: 'invalid_input',
    en: (p: { fileName: string; column: string }) => `${p.fileName}: the column "${p.column}" appears twice in the header; rename one.`,
  },
  csv_no_rows: { kind: 'invalid_input', en: (p: { fileName: string }) => `${p.fileName} has a header but no rows.` },
  csv_too_many_rows: {
    kind: 'invalid_input',
    en: (p: { fileName: string; rows: number; max: number }) => `${p.fileName} has ${p.rows} rows; import at most ${p.max} at a time.`,
  },
  import_confirm_mapping: { kind: 'invalid_input', en: (_: Empty) => 'Confirm which column holds what before importing.' },
  import_map_text: { kind: 'invalid_input', en: (_: Empty) => 'Map one column to the post text.' },
  import_rows_bad: {
    kind: 'invalid_input',
    en: (p: { bad: number; rows: number; line: number | null; detail: string }) =>
      `Nothing was imported: ${p.bad} of ${p.rows} rows ${p.bad === 1 ? 'has' : 'have'} problems (line ${p.line ?? 'undefined'}: ${p.detail}). Fix them and import again.`,
  },
  pdf_failed: {
    kind: 'internal',
    en: (p: { detail: string }) => `The PDF could not be printed: ${p.detail} Nothing was saved. Try again, or export the report as HTML.`,
  },
  pdf_empty: {
    kind: 'internal',
    en: (_: Empty) => 'The PDF could not be printed: the page printer returned no PDF. Nothing was saved. Try again.',
  },

  // ---- notes and troubles a successful reply or a status carries ---------------------------------
  /** A wall time that happens twice (clocks go back); `used` says which of the two Kairos took. */
  time_repeated: {
    kind: 'invalid_input',
    en: (p: { date: string; time: string; timeZone: string; used: 'first' | 'second' }) =>
      `${p.date} ${p.time} happens twice in ${p.timeZone} (clocks go back); the ${p.used} one was used.`,
  },
  /** A wall time that does not exist (clocks jump forward by `shiftMinutes`); it became `becameDate becameTime`. */
  time_skipped: {
    kind: 'invalid_input',
    en: (p: { date: string; time: string; timeZone: string; shiftMinutes: number; becameDate: string; becameTime: string }) =>
      `${p.date} ${p.time} does not exist in ${p.timeZone} (clocks jump forward ${shiftWords(p.shiftMinutes)}); it became ${p.becameDate === p.date ? p.becameTime : `${p.becameDate} ${p.becameTime}`}.`,
  },
  /** The scheduler's last pass failed for a reason that is not storage; `detail` is the error's own text. */
  scheduler_retrying: {
    kind: 'internal',
    en: (p: { detail: string }) => `The scheduler hit a problem and will try again within a minute: ${p.detail}`,
  },
  backup_failed: { kind: 'storage_error', en: (p: { detail: string }) => `The daily backup failed: ${p.detail}` },
  /** On pause: posts a network holds that no hand-off feature of this build can take back. */
  pull_back_impossible: {
    kind: 'platform_error',
    en: (p: { count: number }) => `${p.count} post(s) are already scheduled on the network itself and could not be pulled back.`,
  },
  pull_back_failed: {
    kind: 'platform_error',
    en: (p: { detail: string }) => `Pulling back posts scheduled on the network failed: ${p.detail}`,
  },
  sign_in_expired: { kind: 'auth_required', en: (_: Empty) => 'The sign-in took too long and was stopped. Start it again.' },
  sign_in_cancelled: { kind: 'auth_required', en: (_: Empty) => 'The sign-in was cancelled.' },
  /** `where` is the network's name or the server's domain. */
  sign_in_denied: {
    kind: 'auth_required',
    en: (p: { where: string }) => `Authorization was denied on ${p.where}, so Kairos is not connected. Start again if that was a mistake.`,
  },
  /** The network refused with its own reason; `check` says whether the app's own settings may be the cause. */
  sign_in_refused: {
    kind: 'auth_required',
    en: (p: { where: string; reason: string; check: 'app_settings' | 'none' }) =>
      `${p.where} did not authorize Kairos: ${p.reason}. ${p.check === 'app_settings' ? "Check the app's settings (redirect URL, products, scopes) and start again." : 'Start again from Kairos.'}`,
  },
  /** Reading an account's numbers failed; `reason` is the network's (or the adapter's) words. */
  metrics_failed: {
    kind: 'platform_error',
    en: (p: { account: string; reason: string }) => `${p.account}: ${p.reason} The numbers stay due and are read again later.`,
  },
  /** The network will not give this account's replies (an access tier); `reason` is its words. */
  metrics_replies_refused: { kind: 'platform_error', en: (p: { account: string; reason: string }) => `${p.account}: ${p.reason}` },
  metrics_spacing_out: {
    kind: 'platform_error',
    en: (_: Empty) => 'Kairos is spacing out its requests to this network and will read the rest shortly.',
  },
  metrics_not_readable_yet: {
    kind: 'platform_error',
    en: (p: { account: string }) => `${p.account}: some posts are not readable yet.`,
  },
  /** Reading a network's conversation failed for a reason that is not the network's answer. */
  conversation_unreadable: {
    kind: 'platform_error',
    en: (p: { detail: string }) => `Kairos could not read this network's conversation (${p.detail}). It will try again.`,
  },
  /** Evergreen: `platform` is the network's id (x, linkedin, mastodon, ...), as the account names it. */
  evergreen_duplicate_refused: {
    kind: 'invalid_input',
    en: (p: { account: string; platform: string }) =>
      `${p.account}: ${p.platform} refuses a post identical to an earlier one; add a variation.`,
  },
  evergreen_duplicate_discouraged: {
    kind: 'invalid_input',
    en: (p: { account: string; platform: string }) =>
      `${p.account}: an identical repeat may be hidden as spam on ${p.platform}; add a variation so each re-post reads differently.`,
  },
  evergreen_variation_does_not_fit: {
    kind: 'invalid_input',
    en: (p: { variation: number; issue: Issue }) => `Variation ${p.variation}: ${wordsForIssue(p.issue)}`,
  },

  // ---- one row of an import: what keeps it out, or what Kairos did with it ------------------------
  import_not_real_date: {
    kind: 'invalid_input',
    en: (p: { value: string; order: 'dmy' | 'mdy' | null }) =>
      `"${p.value}" is not a real date${p.order === null ? '' : ` (${p.order === 'dmy' ? 'day/month/year' : 'month/day/year'})`}.`,
  },
  import_date_unreadable: {
    kind: 'invalid_input',
    en: (p: { value: string }) => `"${p.value}" is not a date Kairos reads; write it as YYYY-MM-DD, like 2026-12-24.`,
  },
  import_time_unreadable: {
    kind: 'invalid_input',
    en: (p: { value: string }) => `"${p.value}" is not a time Kairos reads; write it as HH:mm (24-hour), like 14:30.`,
  },
  import_not_time_of_day: { kind: 'invalid_input', en: (p: { value: string }) => `"${p.value}" is not a time of day.` },
  import_not_real_date_time: { kind: 'invalid_input', en: (p: { value: string }) => `"${p.value}" is not a real date and time.` },
  import_date_ambiguous: {
    kind: 'invalid_input',
    en: (p: { value: string }) => `"${p.value}" could be day/month or month/day; choose the date order.`,
  },
  import_date_without_time: { kind: 'invalid_input', en: (p: { value: string }) => `"${p.value}" has a date but no time.` },
  import_time_without_date: { kind: 'invalid_input', en: (p: { time: string }) => `There is a time (${p.time}) but no date.` },
  import_date_needs_time: {
    kind: 'invalid_input',
    en: (p: { date: string }) => `There is a date (${p.date}) but no time; add one as HH:mm.`,
  },
  import_row_fields: {
    kind: 'invalid_input',
    en: (p: { fields: number; header: number }) =>
      `This row has ${p.fields} fields but the header has ${p.header}: a separator inside text that is not in quotes? Put the text in double quotes.`,
  },
  import_formula: {
    kind: 'invalid_input',
    en: (p: { column: string; start: string }) =>
      `Column "${p.column}" starts with "${p.start}…", which a spreadsheet runs as a formula; Kairos does not import formulas. If the text really starts that way, put an apostrophe (') before it.`,
  },
  import_unknown_account: {
    kind: 'invalid_input',
    en: (p: { name: string; yours: readonly string[] }) =>
      `Unknown account "${p.name}". Connect it in Accounts or use one of yours (${p.yours.join(', ') || 'none connected yet'}).`,
  },
  import_versions_not_json: {
    kind: 'invalid_input',
    en: (_: Empty) => 'The versions column is not JSON like {"Brand": "text for Brand"}.',
  },
  import_version_no_account: {
    kind: 'invalid_input',
    en: (p: { name: string }) => `The version for "${p.name}" names no account of yours.`,
  },
  import_version_not_text: { kind: 'invalid_input', en: (p: { name: string }) => `The version for "${p.name}" is not text.` },
  import_version_left_out: {
    kind: 'invalid_input',
    en: (p: { name: string }) => `The version for "${p.name}" is left out: the row does not post to that account.`,
  },
  import_no_date: { kind: 'invalid_input', en: (_: Empty) => 'No date: it comes in as a draft.' },
  import_time_past: {
    kind: 'invalid_input',
    en: (p: { date: string; time: string; timeZone: string }) =>
      `${p.date} ${p.time} (${p.timeZone}) is in the past. Change the date, or clear it to import the row as a draft.`,
  },
  import_label_long: {
    kind: 'invalid_input',
    en: (p: { start: string }) => `The label "${p.start}…" is longer than 60 characters.`,
  },
  import_too_many_labels: { kind: 'invalid_input', en: (_: Empty) => 'A post can have at most 20 labels.' },
  import_media_link: {
    kind: 'invalid_input',
    en: (p: { url: string }) =>
      `${p.url} is a web link; Kairos attaches files from this computer, so this one is left out. Download it and attach it in the composer.`,
  },
  import_media_not_read_here: {
    kind: 'not_allowed',
    en: (p: { path: string }) =>
      `Media path "${p.path}": the app does not read files named in a CSV. Attach them in the composer, or import with "kairos import FILE".`,
  },
  import_media_relative: {
    kind: 'invalid_input',
    en: (p: { path: string }) => `Media path "${p.path}" is relative; write the full path of the file (like /home/me/pictures/launch.png).`,
  },
  import_media_missing: { kind: 'invalid_input', en: (p: { path: string }) => `Media file not found: ${p.path}.` },
  import_media_folder: { kind: 'invalid_input', en: (p: { path: string }) => `Media path ${p.path} is a folder, not a file.` },
  import_media_kind: {
    kind: 'invalid_input',
    en: (p: { path: string }) => `${p.path} is not an image or video Kairos can post (PNG, JPEG, GIF, WebP, MP4, WebM, MOV).`,
  },
  import_media_too_large: {
    kind: 'invalid_input',
    en: (p: { path: string; maxMb: number }) => `${p.path} is larger than ${p.maxMb} MB.`,
  },
  import_no_text: { kind: 'invalid_input', en: (_: Empty) => 'This row has no text.' },
  import_comment_delay: {
    kind: 'invalid_input',
    en: (p: { value: string }) => `"${p.value}" is not a number of minutes between 0 and 10080.`,
  },
  import_no_replies: {
    kind: 'invalid_input',
    en: (p: { account: string }) =>
      `${p.account} cannot take a reply from its own account; the first comment is posted only where it can be.`,
  },
  import_no_account: {
    kind: 'invalid_input',
    en: (_: Empty) => 'This row names no account. Pick accounts for rows without one, or add an accounts column.',
  },
  /** What a network has against the row's first comment. */
  import_first_comment: { kind: 'invalid_input', en: (p: { issue: Issue }) => `First comment: ${wordsForIssue(p.issue)}` },
} as const satisfies Record<string, Entry>;

export type ProblemCode = keyof typeof PROBLEMS;
export type ProblemParams<K extends ProblemCode> = Parameters<(typeof PROBLEMS)[K]['en']>[0];
/** A problem as the backend reports it: a code from the catalog and its params. */
export type Problem = { [K in ProblemCode]: { readonly code: K; readonly params: ProblemParams<K> } }[ProblemCode];
/** Words for every problem, as a dictionary provides them. */
export type ProblemWords = { readonly [K in ProblemCode]: (p: ProblemParams<K>) => string };

export const PROBLEM_CODES = Object.keys(PROBLEMS) as ProblemCode[];

export const problem = <K extends ProblemCode>(code: K, params: ProblemParams<K>): Problem => ({ code, params }) as Problem;

export const isProblemCode = (code: unknown): code is ProblemCode => typeof code === 'string' && Object.hasOwn(PROBLEMS, code);

/** The English words of every problem: the CLI's, the envelope's `message`, and the renderer's English. */
export const PROBLEM_ENGLISH = Object.fromEntries(PROBLEM_CODES.map((c) => [c, PROBLEMS[c].en])) as unknown as ProblemWords;

/** The words for a problem in a dictionary (English unless another is given). */
export function wordsFor(p: Problem, words: ProblemWords = PROBLEM_ENGLISH): string {
  return (words[p.code] as (params: unknown) => string)(p.params);
}

export const problemKind = (p: Problem): ErrorCode => PROBLEMS[p.code].kind;

// ---- validation issues: what a network has against a post, one per problem ---------------------

/** The media as a validation issue names it. */
interface FileRef {
  readonly fileName: string;
}

export const ISSUES = {
  too_long: (p: { account: string; part: number | null; firstComment?: boolean; length: number; limit: number }) =>
    `Too long for ${lengthPlace(p)}: ${p.length} of ${p.limit} characters, ${p.length - p.limit} over.`,
  too_many_bytes: (p: { account: string; part: number | null; firstComment?: boolean; bytes: number; limit: number }) =>
    `Too long for ${lengthPlace(p)}: ${p.bytes} of ${p.limit} bytes, ${p.bytes - p.limit} over.`,
  /** Too long once the content warning line is added (Telegram, Bluesky put it in the text). */
  too_long_with_warning: (p: { network: string; part: number | null; length: number; limit: number; bytes?: boolean }) =>
    `Too long for ${p.network} with the content warning line${at(p, ' in part ')}: ${p.length} of ${p.limit} ${p.bytes ? 'bytes' : 'characters'}, ${p.length - p.limit} over.`,
  empty_part: (p: { part: number }) => `Part ${p.part} of the thread is empty.`,
  needs_text: (p: { network: string; orMedia: 'file' | 'image' | 'media' | null; part: number | null; style?: 'to_post' }) =>
    p.network === 'X'
      ? `${partOrPost(p)} needs some text or media for X.`
      : p.orMedia === null
        ? `${p.network} needs some text to post.`
        : `${p.network} needs some text or ${p.orMedia === 'file' ? 'a file' : p.orMedia === 'image' ? 'an image' : 'media'}${p.style === 'to_post' ? ' to post' : ''}${at(p)}.`,
  no_threads: (p: { network: string }) =>
    p.network === 'LinkedIn'
      ? 'LinkedIn has no threads. Put everything in one post for LinkedIn (give it its own version), or leave LinkedIn out of this thread.'
      : 'Discord webhooks post single messages; threads are not supported there.',
  no_media_yet: (_: Empty) => 'Kairos posts text only to Discord for now; remove the media for this account.',
  no_polls: (p: { network: string }) =>
    ({
      Discord: 'Discord webhooks cannot post polls.',
      Nostr: 'Kairos does not send polls to Nostr; remove the poll for this account.',
      Telegram: 'Kairos does not send polls to Telegram yet; remove the poll for this account.',
      Bluesky: 'Bluesky has no polls; remove the poll or post it elsewhere.',
      LinkedIn: 'LinkedIn polls cannot be created through its API; leave the poll out for LinkedIn.',
      X: 'Kairos does not post polls to X yet; leave the poll out for X.',
    })[p.network] ?? `${p.network} takes no polls from Kairos; remove the poll for this account.`,
  public_only: (p: { network: string }) =>
    ({
      Nostr: 'Nostr notes are public to anyone reading the relays; set the visibility to public or leave Nostr out.',
      Telegram: 'A Telegram channel post is seen by everyone in the chat; set the visibility to public or leave Telegram out.',
      Bluesky: 'Bluesky posts are always public; set the visibility to public or leave Bluesky out of this post.',
      X: 'Posts on X are public; pick Public for X.',
    })[p.network] ?? `${p.network} posts are public; set the visibility to public.`,
  public_or_connections: (_: Empty) => 'LinkedIn posts are public or for your connections only; pick Public or Followers only.',
  no_content_warnings: (p: { network: string }) =>
    `${p.network} has no content warnings; remove it or leave ${p.network} out of this post.`,
  too_many_files: (p: { network: string; max: number; count: number; part: number | null }) =>
    ({
      Bluesky: `Bluesky takes at most ${p.max} images per post; there are ${p.count}${at(p)}.`,
      Telegram: `Telegram albums take at most ${p.max} files; there are ${p.count}${at(p)}.`,
      Nostr: `Kairos puts at most ${p.max} files in a Nostr note; there are ${p.count}${at(p)}.`,
      LinkedIn: `The post has ${p.count} images; LinkedIn shows at most ${p.max} in one post.`,
      X: `${partOrPost(p)} has ${p.count} images; X allows ${p.max} per post.`,
    })[p.network] ?? `${partOrPost(p)} has ${p.count} files; ${p.network} allows ${p.max}.`,
  too_many_attachments: (p: { host: string; max: number; count: number; part: number | null }) =>
    `${partOrPost(p)} has ${p.count} attachments; ${p.host} allows ${p.max} per post.`,
  images_only: (p: FileRef & { network: string }) =>
    `Kairos posts images to ${p.network}, not videos, for now: remove ${p.fileName} for this account.`,
  alt_too_long: (p: FileRef & { network: string; max: number; length: number; part: number | null }) =>
    p.network === 'Nostr'
      ? `The description of ${p.fileName} has ${p.length} characters; Nostr keeps it under ${p.max}${at(p)}.`
      : `The description of ${p.fileName} is longer than ${p.network}'s ${p.max} characters; shorten it.`,
  language_code: (p: { language: string; network: string }) =>
    `"${p.language}" is not a language code ${p.network} accepts; use one like en, it or pt-BR.`,
  file_type_refused: (p: FileRef & { mime: string; network: string; host?: string }) =>
    p.network === 'Mastodon'
      ? `"${p.fileName}" is a ${p.mime} file, which ${p.host ?? 'this server'} does not accept.`
      : p.network === 'LinkedIn'
        ? `"${p.fileName}" is a ${p.mime} file; LinkedIn posts JPEG, PNG and GIF images only.`
        : `"${p.fileName}" is a ${p.mime} file; X takes JPEG, PNG, WebP and GIF images and MP4 or MOV videos.`,
  file_kind_not_shown: (p: FileRef & { part: number | null }) => `${p.fileName} is a kind of file Nostr apps do not show${at(p)}.`,
  file_too_big: (p: FileRef & { network: string; bytes: number; max: number; host?: string; video?: boolean; part: number | null }) =>
    p.network === 'Mastodon'
      ? `"${p.fileName}" is ${mb(p.bytes)}; ${p.host ?? 'this server'} accepts ${p.video ? 'videos' : 'images'} up to ${mb(p.max)}.`
      : p.network === 'X'
        ? `"${p.fileName}" is ${(p.bytes / 1024 / 1024).toFixed(1)} MB; X accepts up to ${p.max / 1024 / 1024} MB for this kind of file.`
        : p.network === 'Telegram'
          ? `${p.fileName} is larger than the 50 MB a bot can send to Telegram${at(p)}.`
          : `${p.fileName} is larger than the 100 MB media servers commonly take${at(p)}.`,
  too_many_pixels: (p: FileRef & { network: string; width: number; height: number; max: number; host?: string }) =>
    p.network === 'Mastodon'
      ? `"${p.fileName}" is ${p.width}×${p.height} pixels (${megapixels(p.width * p.height)}); ${p.host ?? 'this server'} accepts up to ${megapixels(p.max)}. Use a smaller version.`
      : `"${p.fileName}" is ${p.width}×${p.height} pixels; LinkedIn accepts up to about 36 megapixels. Use a smaller version.`,
  media_first_part_only: (_: Empty) => 'LinkedIn posts only the first part, so its images must be on the first part.',
  media_mix: (p: { part: number | null }) =>
    `${partOrPost(p)} mixes media X cannot post together: one GIF or one video per post, on its own.`,
  album_mix: (p: { part: number | null }) =>
    `A Telegram album holds photos and videos, or documents, not both${at(p)}: move the documents to another part.`,
  caption_too_long: (p: { max: number; length: number; part: number | null }) =>
    `With media, Telegram allows a caption of ${p.max} characters; this one has ${p.length}${at(p)}. Shorten it, or put the text in a part of its own.`,
  nostr_needs_media_server: (p: { part: number | null }) =>
    `Relays hold no files: add a media server (Blossom) to this Nostr account in Accounts, or leave the media out for it${at(p)}.`,
  warning_over_limit: (p: { host: string; part: number | null; total: number; limit: number }) =>
    `${partOrPost(p)} with its content warning is ${p.total} of ${p.limit} characters, ${p.total - p.limit} over (${p.host} counts the warning too).`,
  poll_and_media: (_: Empty) => 'A Mastodon post cannot have both a poll and media; move the media to another part or drop the poll.',
  poll_options: (p: { host: string; count: number; max: number }) => `The poll has ${p.count} options; ${p.host} allows ${p.max}.`,
  poll_option_long: (p: { host: string; option: string; max: number }) =>
    `The poll option "${p.option}" is longer than ${p.max} characters, the most ${p.host} allows.`,
  poll_duration: (p: { host: string; minMinutes: number; maxDays: number }) =>
    `The poll must run between ${p.minMinutes} minutes and ${p.maxDays} days on ${p.host}.`,
} as const;

export type IssueCode = keyof typeof ISSUES;
export type IssueParams<K extends IssueCode> = Parameters<(typeof ISSUES)[K]>[0];
/**
 * One thing a network has against a post, as values. `account` (the account's label) is set on what the network's
 * own rules found, and its words are prefixed with it; length issues name the account in their params.
 */
export type Issue = {
  [K in IssueCode]: { readonly code: K; readonly params: IssueParams<K>; readonly account?: string };
}[IssueCode];
export type IssueWords = { readonly [K in IssueCode]: (p: IssueParams<K>) => string };
export const ISSUE_CODES = Object.keys(ISSUES) as IssueCode[];

export const issue = <K extends IssueCode>(code: K, params: IssueParams<K>): Issue => ({ code, params }) as Issue;

/** Issues the counters show live; the composer's problem list leaves them out. */
export const LENGTH_ISSUES: ReadonlySet<IssueCode> = new Set(['too_long', 'too_many_bytes']);

/** An issue in words (English unless another dictionary is given), prefixed with the account it concerns when set. */
export function wordsForIssue(i: Issue, words: IssueWords = ISSUES): string {
  const text = (words[i.code] as (p: unknown) => string)(i.params);
  return i.account !== undefined ? `${i.account}: ${text}` : text;
}
