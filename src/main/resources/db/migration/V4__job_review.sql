-- Studio jobs can pause after planning for their owner to review (cast an audiobook, edit a script) before rendering.
-- approved_at: when the owner approved the plan; a job asked to be reviewed renders only once it is set, so a retry or
-- a resume after a crash goes back to review instead of rendering an unapproved plan.
alter table jobs drop constraint jobs_state_check;
alter table jobs add constraint jobs_state_check
    check (state in ('queued', 'running', 'awaiting_review', 'succeeded', 'failed', 'cancelled'));
alter table jobs add column approved_at timestamp with time zone;
