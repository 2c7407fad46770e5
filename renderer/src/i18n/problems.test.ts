// Every problem and every issue in the catalog has words in English and in Italian, and the Italian is its own.

import { describe, expect, it } from 'vitest';
import {
  ISSUE_CODES,
  type IssueCode,
  type IssueParams,
  PROBLEM_CODES,
  type ProblemCode,
  type ProblemParams,
} from '../../../shared/contract/problems';
import { en } from './en';
import { wordProblem, wordProblems } from './index';
import { it as italian } from './it';

/** Params for each code; the type makes a new code without a sample fail to compile. */
const PROBLEM_SAMPLES: { readonly [K in ProblemCode]: ProblemParams<K> } = {
  unknown_request: { channel: 'posts.create' },
  no_handler: { channel: 'posts.create' },
  no_channel: {},
  request_not_understood: {},
  request_body_invalid: {},
  input_invalid: { field: 'text', issue: 'too_small', minimum: 1, text: 'Too small: expected string to have >=1 characters' },
  not_allowed_here: { channel: 'posts.create', shell: 'browser' },
  page_not_trusted: {},
  wrong_host: {},
  other_site: {},
  token_required: {},
  use_method: { method: 'POST' },
  send_json: {},
  server_failed: { detail: 'EIO' },
  disk_full: {},
  database_read_only: {},
  storage_full: { path: '/data/kairos.sqlite' },
  storage_read_only: { path: '/data/kairos.sqlite' },
  database_damaged: { path: '/data/kairos.sqlite' },
  storage_io_error: { path: '/data/kairos.sqlite', code: 'SQLITE_IOERR' },
  storage_locked: { path: '/data/kairos.sqlite' },
  database_damaged_at_start: {
    path: '/data/kairos.sqlite',
    detail: 'EIO',
    backup: { at: '2026-05-01T10:00:00.000Z', fileName: 'kairos-1.sqlite' },
  },
  database_unopenable: { path: '/data/kairos.sqlite', detail: 'EIO' },
  database_too_new: { path: '/data/kairos.sqlite', schema: 14, known: 12 },
  backup_not_kept: { path: '/data/kairos.sqlite', reason: 'it fails the integrity check' },
  backup_unrestorable: { reason: 'it fails the integrity check' },
  stored_value_damaged: { item: 'post_options', name: 'post_1', at: 'visibility' },
  backup_in_memory: {},
  workspace_backups_elsewhere: {},
  backup_missing: { fileName: 'photo.png' },
  no_backup_yet: {},
  unexpected: { detail: 'EIO' },
  no_answer: { detail: 'EIO' },
  backend_unreachable: {},
  bad_reply: {},
  nothing_selected: {},
  not_found: { thing: 'evergreen_queue', name: 'Brand' },
  no_such_account: { id: 'acc_1' },
  unknown_account_id: { id: 'acc_1' },
  unknown_account_again: { id: 'acc_1' },
  unknown_import_account: { id: 'acc_1' },
  skipped_account_gone: {},
  feed_gone: {},
  media_gone: { id: 'acc_1' },
  platform_unsupported: { platform: 'discord' },
  platform_not_connectable: { platform: 'discord' },
  platform_not_publishable: { platform: 'discord' },
  network_support_missing: { network: 'Mastodon' },
  reconnect_other_platform: { platform: 'discord' },
  wrong_network_account: { name: 'Brand', network: 'Mastodon' },
  pick_bluesky_account: {},
  signed_in_as_other: { signedIn: '@a@example.social', expected: '@b@example.social' },
  app_secret_unreadable: { name: 'Brand' },
  not_nostr_account: {},
  nostr_remote_signer: {},
  handoff_unavailable: { handle: '@brand@example.social' },
  platform_said: { reason: 'it fails the integrity check' },
  login_unusable: { reason: 'it fails the integrity check' },
  login_in_desktop_keychain: {},
  login_keychain_locked: {},
  login_key_file_missing: { file: 'secrets.key', folder: '/data' },
  login_key_file_damaged: { path: '/data/secrets.key' },
  login_unknown_format: {},
  login_wrong_key: { file: 'secrets.key', folder: '/data' },
  login_other_server_key: { keyId: '0a1b2c3d' },
  login_damaged: {},
  earlier_note: { text: 'it fails the integrity check' },
  key_file_in_data_folder: {},
  keychain_basic_text: {},
  keychain_unavailable: {},
  key_file_lost: { file: 'secrets.key', names: ['Brand', 'Community'] },
  time_zone_unknown: { timeZone: 'Mars/Base' },
  time_zone_not_known: { timeZone: 'Mars/Base' },
  not_a_date: { date: '2026-02-30' },
  not_a_time: { time: '25:00' },
  not_a_real_time: { date: '2026-02-30', time: '25:00' },
  date_not_in_calendar: { date: '2026-02-30' },
  not_a_calendar_date: { date: '2026-02-30' },
  day_or_zone_invalid: {},
  time_past: { or: 'post_now' },
  wall_time_past: { date: '2026-02-30', time: '25:00', timeZone: 'Mars/Base' },
  resume_past: {},
  stop_date_past: {},
  end_before_start: {},
  range_too_long: { days: 31 },
  slot_day_invalid: { day: 'funday' },
  slot_time_invalid: { time: '25:00' },
  rule_start_not_date: { date: '2026-02-30' },
  rule_end_not_date: { date: '2026-02-30' },
  rule_end_before_start: {},
  rule_interval: {},
  rule_no_days: {},
  rule_bad_weekday: { days: 'mon, tue, wed, thu, fri, sat, sun' },
  rule_month_day: {},
  rule_week_of_month: {},
  rule_never_occurs: {},
  grace_minutes: {},
  theme_value: {},
  locale_value: {},
  no_holiday_calendar: { country: 'XX' },
  folder_path: {},
  report_not_written: { cadence: 'weekly', folder: '/home/me/Reports', detail: 'EACCES: permission denied' },
  pick_an_account: {},
  draft_without_accounts: {},
  publishing_now: {},
  already_published: {},
  no_slots: {},
  slots_full: { weeks: 8 },
  decision_not_draft: {},
  decision_not_applicable: { states: ['published'] },
  nothing_to_hold: {},
  not_awaiting_preflight: {},
  another_publisher: { holder: 'pid 42' },
  post_does_not_fit: {
    issue: { code: 'too_long', params: { account: 'Brand (X)', part: null, length: 290, limit: 280 }, account: 'Brand (X)' },
  },
  post_changed_elsewhere: {},
  workspace_url_invalid: { url: 'kairos example' },
  workspace_sign_in_refused: {},
  workspace_sign_in_limited: { minutes: 12 },
  workspace_unreachable: { url: 'https://kairos.example.org' },
  workspace_tls_failed: { url: 'https://kairos.example.org', reason: 'certificate_untrusted' },
  workspace_not_kairos: { url: 'https://example.org' },
  workspace_http_error: { url: 'https://kairos.example.org', status: 502 },
  workspace_signed_out: { url: 'https://kairos.example.org' },
  workspace_session_ended: {},
  workspace_database_unavailable: {},
  workspace_not_connected: {},
  workspace_refused: { reason: 'Only an editor, admin or owner can do this (posts.create); you are a viewer in this workspace.' },
  workspace_not_served: { channel: 'posts.list' },
  workspace_offline_read: { url: 'https://kairos.example.org' },
  workspace_change_kept: { pending: 3 },
  workspace_kept_as_draft: { excerpt: 'Launch day!' },
  workspace_change_refused: { excerpt: 'Launch day!', reason: 'That post was not found.' },
  workspace_change_post_gone: { excerpt: 'Launch day!', change: 'reschedule' },
  workspace_change_post_published: { excerpt: 'Launch day!', change: 'cancel' },
  media_unreadable_base64: { fileName: 'photo.png' },
  media_dialog_desktop_only: {},
  media_empty: { fileName: 'photo.png' },
  media_too_large: { fileName: 'photo.png', maxMb: 100 },
  media_file_too_large: { fileName: 'photo.png', maxMb: 100 },
  media_not_media: { fileName: 'photo.png', label: 'a PDF document', supported: 'JPEG, PNG' },
  media_misnamed: { fileName: 'photo.png', label: 'a PDF document', claimed: 'a JPEG image', ext: '.png' },
  media_disk_full: { fileName: 'photo.png' },
  media_not_saved: { fileName: 'photo.png', detail: 'EIO' },
  file_unreadable: { name: 'Brand', why: 'missing' },
  file_is_link: { name: 'Brand', hint: true },
  file_not_regular: { name: 'Brand', is: 'a folder' },
  file_changed: { name: 'Brand' },
  file_write_failed: { path: '/data/kairos.sqlite', detail: 'EIO' },
  csv_unreadable: { fileName: 'photo.png', detail: 'EIO' },
  csv_no_header: { fileName: 'photo.png' },
  csv_duplicate_column: { fileName: 'photo.png', column: 'text' },
  csv_no_rows: { fileName: 'photo.png' },
  csv_too_many_rows: { fileName: 'photo.png', rows: 6000, max: 4 },
  import_confirm_mapping: {},
  import_map_text: {},
  import_rows_bad: { bad: 2, rows: 6000, line: 3, detail: 'EIO' },
  pdf_failed: { detail: 'EIO' },
  pdf_empty: {},
  time_repeated: { date: '2026-10-25', time: '02:30', timeZone: 'Europe/Rome', used: 'first' },
  time_skipped: {
    date: '2026-03-29',
    time: '02:30',
    timeZone: 'Europe/Rome',
    shiftMinutes: 60,
    becameDate: '2026-03-29',
    becameTime: '03:30',
  },
  scheduler_retrying: { detail: 'EIO' },
  backup_failed: { detail: 'EIO' },
  pull_back_impossible: { count: 2 },
  pull_back_failed: { detail: 'EIO' },
  sign_in_expired: {},
  sign_in_cancelled: {},
  sign_in_denied: { where: 'example.social' },
  sign_in_refused: { where: 'LinkedIn', reason: 'invalid_scope', check: 'app_settings' },
  metrics_failed: { account: 'Brand', reason: 'The server answered 503.' },
  metrics_replies_refused: { account: 'Brand', reason: 'Your access tier does not include search.' },
  metrics_spacing_out: {},
  metrics_not_readable_yet: { account: 'Brand' },
  conversation_unreadable: { detail: 'EIO' },
  evergreen_duplicate_refused: { account: 'Brand', platform: 'x' },
  evergreen_duplicate_discouraged: { account: 'Brand', platform: 'mastodon' },
  evergreen_variation_does_not_fit: { variation: 2, issue: { code: 'empty_part', params: { part: 2 } } },
  import_not_real_date: { value: '31/02/2027', order: 'dmy' },
  import_date_unreadable: { value: 'tomorrow' },
  import_time_unreadable: { value: 'noon' },
  import_not_time_of_day: { value: '25:00' },
  import_not_real_date_time: { value: '2027-02-31T10:00Z' },
  import_date_ambiguous: { value: '03/04/2027' },
  import_date_without_time: { value: '2027-03-04' },
  import_time_without_date: { time: '10:00' },
  import_date_needs_time: { date: '2027-03-04' },
  import_row_fields: { fields: 5, header: 3 },
  import_formula: { column: 'text', start: '=HYPERLINK(' },
  import_unknown_account: { name: 'Nope', yours: ['Brand', 'Studio'] },
  import_versions_not_json: {},
  import_version_no_account: { name: 'Nope' },
  import_version_not_text: { name: 'Brand' },
  import_version_left_out: { name: 'Brand' },
  import_no_date: {},
  import_time_past: { date: '2020-01-01', time: '10:00', timeZone: 'Europe/Rome' },
  import_label_long: { start: 'a very long label th' },
  import_too_many_labels: {},
  import_media_link: { url: 'https://example.org/a.png' },
  import_media_not_read_here: { path: 'a.png' },
  import_media_relative: { path: 'a.png' },
  import_media_missing: { path: '/home/me/a.png' },
  import_media_folder: { path: '/home/me' },
  import_media_kind: { path: '/home/me/a.pdf' },
  import_media_too_large: { path: '/home/me/a.mp4', maxMb: 100 },
  import_no_text: {},
  import_comment_delay: { value: 'soon' },
  import_no_replies: { account: 'Brand' },
  import_no_account: {},
  import_first_comment: {
    issue: { code: 'too_long', params: { account: 'Brand (X)', part: null, length: 290, limit: 280 } },
  },
};

const ISSUE_SAMPLES: { readonly [K in IssueCode]: IssueParams<K> } = {
  too_long: { account: 'Brand (X)', part: 2, firstComment: true, length: 290, limit: 280 },
  too_many_bytes: { account: 'Brand (X)', part: 2, firstComment: true, bytes: 6000000, limit: 280 },
  too_long_with_warning: { network: 'Mastodon', part: 2, length: 290, limit: 280, bytes: true },
  empty_part: { part: 2 },
  needs_text: { network: 'Mastodon', orMedia: 'file', part: 2, style: 'to_post' },
  no_threads: { network: 'Mastodon' },
  no_media_yet: {},
  no_polls: { network: 'Mastodon' },
  public_only: { network: 'Mastodon' },
  public_or_connections: {},
  no_content_warnings: { network: 'Mastodon' },
  too_many_files: { network: 'Mastodon', max: 4, count: 6, part: 2 },
  too_many_attachments: { host: 'example.social', max: 4, count: 6, part: 2 },
  images_only: { fileName: 'photo.png', network: 'Mastodon' },
  alt_too_long: { fileName: 'photo.png', network: 'Mastodon', max: 4, length: 290, part: 2 },
  language_code: { language: 'english', network: 'Mastodon' },
  file_type_refused: { fileName: 'photo.png', mime: 'image/bmp', network: 'Mastodon', host: 'example.social' },
  file_kind_not_shown: { fileName: 'photo.png', part: 2 },
  file_too_big: { fileName: 'photo.png', network: 'Mastodon', bytes: 6000000, max: 4, host: 'example.social', video: true, part: 2 },
  too_many_pixels: { fileName: 'photo.png', network: 'Mastodon', width: 8000, height: 6000, max: 4, host: 'example.social' },
  media_first_part_only: {},
  media_mix: { part: 2 },
  album_mix: { part: 2 },
  caption_too_long: { max: 4, length: 290, part: 2 },
  nostr_needs_media_server: { part: 2 },
  warning_over_limit: { host: 'example.social', part: 2, total: 520, limit: 280 },
  poll_and_media: {},
  poll_options: { host: 'example.social', count: 6, max: 4 },
  poll_option_long: { host: 'example.social', option: 'A very long option', max: 4 },
  poll_duration: { host: 'example.social', minMinutes: 5, maxDays: 30 },
};

/** Codes whose words are another party's own (a network's reason, a file system's error), the same in every language. */
const CARRIED = new Set<string>([
  'platform_said',
  'login_unusable',
  'earlier_note',
  'csv_unreadable',
  'use_method',
  'metrics_replies_refused',
  'workspace_refused',
]);

const say = (words: unknown, params: unknown) => (typeof words === 'function' ? String(words(params)) : undefined);

describe('problem words', () => {
  it('every problem code has English and Italian words, and they differ', () => {
    const missing: string[] = [];
    const untranslated: string[] = [];
    for (const code of PROBLEM_CODES) {
      const english = say(en.problems[code], PROBLEM_SAMPLES[code]);
      const italianWords = say(italian.problems[code], PROBLEM_SAMPLES[code]);
      if (!english?.trim() || !italianWords?.trim()) missing.push(code);
      else if (english === italianWords && !CARRIED.has(code)) untranslated.push(code);
    }
    expect(missing).toEqual([]);
    expect(untranslated).toEqual([]);
    expect(Object.keys(italian.problems).sort()).toEqual([...PROBLEM_CODES].sort());
  });

  it('every validation issue code has English and Italian words, and they differ', () => {
    const missing: string[] = [];
    const untranslated: string[] = [];
    for (const code of ISSUE_CODES) {
      const english = say(en.issues[code], ISSUE_SAMPLES[code]);
      const italianWords = say(italian.issues[code], ISSUE_SAMPLES[code]);
      if (!english?.trim() || !italianWords?.trim()) missing.push(code);
      else if (english === italianWords) untranslated.push(code);
    }
    expect(missing).toEqual([]);
    expect(untranslated).toEqual([]);
    expect(Object.keys(italian.issues).sort()).toEqual([...ISSUE_CODES].sort());
  });

  it('words values, not sentences: the same code reads differently with other params', () => {
    expect(en.issues.too_long(ISSUE_SAMPLES.too_long)).toBe(
      'Too long for Brand (X), part 2, first comment: 290 of 280 characters, 10 over.',
    );
    expect(italian.issues.too_long({ account: 'Brand (X)', part: null, length: 12345, limit: 280 })).toBe(
      'Troppo lungo per Brand (X): 12.345 caratteri su 280, 12.065 di troppo.',
    );
    expect(italian.problems.not_found({ thing: 'account' })).toBe('Quell’account non esiste più.');
    expect(en.problems.not_found({ thing: 'evergreen_queue', name: 'Tips' })).toBe('The evergreen queue "Tips" was not found.');
    expect(en.problems.time_skipped(PROBLEM_SAMPLES.time_skipped)).toBe(
      '2026-03-29 02:30 does not exist in Europe/Rome (clocks jump forward 1 hour); it became 03:30.',
    );
    expect(italian.problems.time_skipped({ ...PROBLEM_SAMPLES.time_skipped, shiftMinutes: 30, becameTime: '03:00' })).toBe(
      'Le 02:30 del 2026-03-29 non esistono a Europe/Rome (l’ora va avanti di 30 minuti); sono diventate le 03:00.',
    );
    expect(italian.problems.import_first_comment(PROBLEM_SAMPLES.import_first_comment)).toBe(
      'Primo commento: Troppo lungo per Brand (X): 290 caratteri su 280, 10 di troppo.',
    );
  });

  it('a reply’s problem is worded from its code; its English only for a code this window does not know', () => {
    const note = { code: 'time_repeated', params: PROBLEM_SAMPLES.time_repeated } as const;
    expect(wordProblem(note, 'English from the reply', italian)).toBe(
      'Le 02:30 del 2026-10-25 ci sono due volte a Europe/Rome (l’ora torna indietro); è stata usata la prima.',
    );
    const newer = { code: 'from_a_newer_backend', params: {} } as unknown as Parameters<typeof wordProblem>[0];
    expect(wordProblem(newer, 'English from the reply', italian)).toBe('English from the reply');
    expect(wordProblem(null, null, italian)).toBeNull();
  });

  it('saved-login notes and storage warnings are worded from their codes, one sentence each', () => {
    const lost = { code: 'key_file_lost', params: PROBLEM_SAMPLES.key_file_lost } as const;
    const plain = { code: 'key_file_in_data_folder', params: {} } as const;
    expect(wordProblems([lost, plain], 'English from the reply', en)).toBe(
      `${en.problems.key_file_lost(lost.params)} ${en.problems.key_file_in_data_folder({})}`,
    );
    expect(wordProblems([lost, plain], 'English from the reply', italian)).toMatch(
      /^Il file della chiave secrets\.key manca dalla cartella dei dati di Kairos, quindi gli accessi salvati di Brand, Community non si possono leggere\. .* Le credenziali sono cifrate/,
    );
    const newer = { code: 'from_a_newer_backend', params: {} } as unknown as Parameters<typeof wordProblems>[0][number];
    expect(wordProblems([plain, newer], 'English from the reply', italian)).toBe('English from the reply');
    expect(wordProblems([], null, italian)).toBeNull();
    expect(italian.accounts.unreadableElsewhere('key_file', italian.problems.login_keychain_locked({}))).toMatch(
      /^Il comando kairos e la modalità browser non possono aprire questo accesso: L’accesso di questo account è chiuso nel portachiavi/,
    );
    expect(en.accounts.unreadableElsewhere('keychain', 'Why.')).toBe('The Kairos desktop app cannot open this login: Why.');
  });
});
