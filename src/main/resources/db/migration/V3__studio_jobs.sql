-- Studio jobs (podcasts, audiobooks): long renders that keep their plan and every finished segment, so a restart
-- resumes where the job stopped and never renders a finished segment again.
create table jobs (
    id                uuid         not null primary key,
    owner_id          uuid         not null,
    kind              varchar(16)  not null,
    state             varchar(16)  not null,
    input             text         not null,
    stage             varchar(64),
    segments          integer      not null,
    done_segments     integer      not null,
    error             text,
    cancel_requested  boolean      not null,
    created_at        timestamp with time zone not null,
    started_at        timestamp with time zone,
    finished_at       timestamp with time zone,
    constraint jobs_owner_fk foreign key (owner_id) references users (id) on delete cascade,
    constraint jobs_state_check check (state in ('queued', 'running', 'succeeded', 'failed', 'cancelled'))
);
create index jobs_owner_idx on jobs (owner_id, created_at);

-- The plan: one row per segment (a script line, a chapter's sentence group), what to render as the job kind's own
-- JSON, and once rendered the file it went to (written atomically before the row says done).
create table job_segments (
    job_id       uuid         not null,
    position     integer      not null,
    spec         text         not null,
    state        varchar(16)  not null,
    file_name    varchar(255),
    duration_ms  bigint,
    attempts     integer      not null,
    report       text,
    rendered_at  timestamp with time zone,
    primary key (job_id, position),
    constraint job_segments_job_fk foreign key (job_id) references jobs (id) on delete cascade,
    constraint job_segments_state_check check (state in ('pending', 'done', 'flagged'))
);

-- What a finished job offers for download, in the runner's order (the main file first).
create table job_artifacts (
    job_id        uuid          not null,
    name          varchar(128)  not null,
    position      integer       not null,
    content_type  varchar(128)  not null,
    bytes         bigint        not null,
    created_at    timestamp with time zone not null,
    primary key (job_id, name),
    constraint job_artifacts_job_fk foreign key (job_id) references jobs (id) on delete cascade
);
