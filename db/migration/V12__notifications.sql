-- Notifications of syncs: the review summary of a run, one row per configured target it goes to (a webhook, a chat
-- bot, an address). Written before the first try, so that a delivery that fails is tried again by the next run and
-- no summary is lost; sent_at marks the delivered ones. A run takes an entry before sending it by setting
-- claimed_until in one UPDATE that succeeds only while no other run holds it (daemon jobs run side by side, and on
-- PostgreSQL on several nodes), so no entry is delivered twice. Holds no secret: targets are named as in the config.
CREATE TABLE notification (
  id            INTEGER PRIMARY KEY,
  run_id        INTEGER NOT NULL REFERENCES run(id),
  target        TEXT NOT NULL,           -- the config's notifications[].name
  created_at    TEXT NOT NULL,           -- ISO-8601 UTC
  events        TEXT NOT NULL,           -- 'changes', 'failures' or 'changes,failures'
  changes       INTEGER NOT NULL,        -- values added + closed by the run
  failed        TEXT NOT NULL,           -- the sources that failed or were partial, comma-separated ('' for none)
  subject       TEXT NOT NULL,
  body          TEXT NOT NULL,           -- the summary, whole (each platform's cut is made when sending)
  summary_path  TEXT,                    -- where the summary file was written; NULL when none was
  attempts      INTEGER NOT NULL DEFAULT 0,
  last_error    TEXT,                    -- why the last try failed
  last_try_at   TEXT,
  claimed_until TEXT,                    -- while a run delivers it: until when (its tries and waits); NULL otherwise
  sent_at       TEXT                     -- NULL until delivered
);

-- What each run reads: the ones not delivered yet.
CREATE INDEX notification_unsent ON notification(id) WHERE sent_at IS NULL;
