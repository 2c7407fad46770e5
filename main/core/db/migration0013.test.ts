// Migration 0013 (saved-login notes and report errors stored as catalog problems), on data written before it.

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { wordsFor } from '../../../shared/contract';
import { ReportSchedulesRepo } from '../reports/scheduledReports';
import { CredentialProblemsRepo } from '../repos/credentialProblems';
import { loadMigrations, migrate, userVersion } from './database';

const KEYCHAIN_NOTE =
  "This account's login was saved by the Kairos desktop app in the system keychain, which the kairos command and browser mode cannot open.";
const REPORT_ERROR = 'The weekly report could not be written to /home/me/Reports: EACCES: permission denied';

describe('migration 0013', () => {
  it('keeps every old note as the earlier_note problem carrying its text, and reads new ones by their code', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    const all = loadMigrations();
    migrate(db, all, 12);
    db.exec(`INSERT INTO accounts (id, platform, name, handle, created_at, updated_at) VALUES
      ('acc_a', 'discord', 'Community', 'hook', 1, 1), ('acc_b', 'mastodon', 'Brand', '@brand', 1, 1)`);
    db.prepare(
      `INSERT INTO credential_problems (account_id, reader, problem, message, noticed_at) VALUES
        ('acc_a', 'key_file', 'other_shell', ?, 10), ('acc_b', 'keychain', 'damaged', 'It''s "damaged".', 20)`,
    ).run(KEYCHAIN_NOTE);
    db.prepare(
      `INSERT INTO report_schedules (id, cadence, folder, format, last_error, created_at) VALUES
        ('rep_failed', 'weekly', '/home/me/Reports', 'pdf', ?, 1), ('rep_fine', 'monthly', '/home/me/Reports', 'csv', NULL, 2)`,
    ).run(REPORT_ERROR);

    migrate(db, all, 13);
    expect(userVersion(db)).toBe(13);
    const problems = new CredentialProblemsRepo(db);
    expect(problems.all().map((p) => ({ accountId: p.accountId, message: p.message, note: p.note }))).toEqual([
      { accountId: 'acc_a', message: KEYCHAIN_NOTE, note: { code: 'earlier_note', params: { text: KEYCHAIN_NOTE } } },
      { accountId: 'acc_b', message: 'It\'s "damaged".', note: { code: 'earlier_note', params: { text: 'It\'s "damaged".' } } },
    ]);
    const reports = new ReportSchedulesRepo(db);
    expect(reports.list().map((r) => ({ id: r.id, lastError: r.lastError, lastErrorProblem: r.lastErrorProblem }))).toEqual([
      { id: 'rep_failed', lastError: REPORT_ERROR, lastErrorProblem: { code: 'earlier_note', params: { text: REPORT_ERROR } } },
      { id: 'rep_fine', lastError: null, lastErrorProblem: null },
    ]);

    // New notes are stored by code and read back as they were written; their English is the catalog's.
    const lost = { code: 'login_key_file_missing', params: { file: 'secrets.key', folder: '/data' } } as const;
    expect(
      problems.record({
        accountId: 'acc_a',
        reader: 'key_file',
        problem: 'key_file_missing',
        message: wordsFor(lost),
        note: lost,
        noticedAt: 30,
      }),
    ).toBe(true);
    expect(problems.ofAccount('acc_a')[0]?.note).toEqual(lost);
    const refused = { code: 'report_not_written', params: { cadence: 'weekly', folder: '/home/me/Reports', detail: 'ENOSPC' } } as const;
    reports.failedBecause('rep_fine', refused);
    expect(reports.list().find((r) => r.id === 'rep_fine')).toMatchObject({ lastError: wordsFor(refused), lastErrorProblem: refused });
    reports.written('rep_fine', '2026-11-30', 40);
    expect(reports.list().find((r) => r.id === 'rep_fine')).toMatchObject({ lastError: null, lastErrorProblem: null });

    // A note that is not what Kairos wrote falls back to its English, which is kept beside it.
    db.exec(`UPDATE credential_problems SET note = '{"code":"login_wrong_key","params":{}}' WHERE account_id = 'acc_b'`);
    db.exec(`UPDATE report_schedules SET last_error_note = 'not json' WHERE id = 'rep_failed'`);
    expect(problems.ofAccount('acc_b')[0]?.note).toEqual({ code: 'earlier_note', params: { text: 'It\'s "damaged".' } });
    expect(reports.list().find((r) => r.id === 'rep_failed')?.lastErrorProblem).toEqual({
      code: 'earlier_note',
      params: { text: REPORT_ERROR },
    });
  });
});
