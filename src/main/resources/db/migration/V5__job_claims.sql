-- Several replicas share one database: a replica claims a job before running it. claimed_by: the replica that claimed
-- it last (omnivox.replica-id); lease_until: how long that claim holds without the replica renewing it. A running job
-- whose lease has passed (its replica died) may be claimed again, and resumes from its checkpoints. A null lease on a
-- running job (one cut off before this migration, or handed back by a replica stopping) is free to claim at once.
alter table jobs add column claimed_by varchar(128);
alter table jobs add column lease_until timestamp with time zone;
-- what each poll looks for: queued jobs, and running ones whose lease has passed, oldest first
create index jobs_claimable_idx on jobs (state, created_at);

-- Knowledge-base documents are claimed the same way for ingestion: a document processing under a lease that passed
-- (its replica died) is ingested again by another replica; a null lease on a processing document is free at once.
alter table documents add column claimed_by varchar(128);
alter table documents add column lease_until timestamp with time zone;
