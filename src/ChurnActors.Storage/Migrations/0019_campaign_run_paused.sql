-- A run open when its campaign is paused stops between pages and is marked 'paused'; resuming the campaign continues it.
ALTER TABLE campaign_runs DROP CONSTRAINT IF EXISTS campaign_runs_status_check;
ALTER TABLE campaign_runs ADD CONSTRAINT campaign_runs_status_check
    CHECK (status IN ('queued', 'running', 'waiting', 'paused', 'finished', 'failed'));
