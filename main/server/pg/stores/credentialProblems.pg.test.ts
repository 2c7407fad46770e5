import { expect, it } from 'vitest';
import { problem } from '../../../../shared/contract';
import { credentialProblemsContract } from '../../../core/stores/testing/credentialProblems';
import { newAccount } from '../../../core/stores/testing/seed';
import { pgStoresForThisFile } from '../../../testing/pgStoresOpen';

const pg = pgStoresForThisFile('credentialProblems store');
credentialProblemsContract('PostgreSQL', pg.openPublishing);

it("keeps the server's own reader beside the desktop's, and words a note it cannot read with its English", async () => {
  const s = await pg.openPublishing();
  await s.accounts.add(newAccount('acc_1', 'Brand', 1000));
  await pg.database().pool.query(
    `INSERT INTO credential_problems (account_id, reader, problem, message, note, noticed_at) VALUES
       ('acc_1', 'server_key', 'damaged', 'The server key does not open it.', '{"code": "something_new", "params": {}}', now()),
       ('acc_1', 'key_file', 'other_shell', 'Sealed by the desktop app.', '{"code": "login_in_desktop_keychain", "params": {}}', now())`,
  );
  const found = await s.credentialProblems.ofAccount('acc_1');
  expect(found.map((p) => [p.reader, p.note])).toEqual([
    ['key_file', problem('login_in_desktop_keychain', {})],
    ['server_key', problem('earlier_note', { text: 'The server key does not open it.' })],
  ]);
  expect(await s.credentialProblems.clear('acc_1', 'server_key')).toBe(true);
  expect((await s.credentialProblems.all()).map((p) => p.reader)).toEqual(['key_file']);
});
