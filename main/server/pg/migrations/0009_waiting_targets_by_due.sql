-- When the next target is due: the scheduler asks after every pass (min(due_at) of the targets still waiting to go
-- out, not handed to a network's own scheduler). The (status, due_at) index cannot give the minimum over two statuses
-- at once, so on a calendar of 20,000 posts each question scanned the whole table; this index answers with one row.

CREATE INDEX targets_waiting_by_due ON targets (due_at) WHERE status IN ('scheduled', 'retrying') AND handoff_id IS NULL;
