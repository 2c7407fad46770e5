-- Notes Kairos keeps about a saved login and a scheduled report are stored as a problem from the catalog
-- (shared/contract/problems.ts: {"code": ..., "params": {...}}), so each window words them in its own language.
-- The English text columns stay beside them for the kairos command and older readers. Rows written before this
-- carry their text in the generic "earlier_note" problem, so nothing is lost.

ALTER TABLE credential_problems ADD COLUMN note TEXT NOT NULL DEFAULT '';
UPDATE credential_problems SET note = json_object('code', 'earlier_note', 'params', json_object('text', message));

ALTER TABLE report_schedules ADD COLUMN last_error_note TEXT;
UPDATE report_schedules SET last_error_note = json_object('code', 'earlier_note', 'params', json_object('text', last_error))
WHERE last_error IS NOT NULL;
