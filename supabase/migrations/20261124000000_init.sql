-- salesbot schema for Supabase Postgres: the same tables and meaning as the embedded SQLite store.
-- Apply with `supabase db push`, or paste into the SQL editor. The app uses a server-side key (service_role);
-- row level security is on with no policy for anon or authenticated, so the public anon key reads nothing.

create extension if not exists pg_trgm;

create table if not exists public.customers (
    id bigint generated always as identity primary key,
    name text not null,
    country_code text not null default 'IN',
    phone_number text not null,
    phone_e164 text not null,
    email text,
    conversation_history text not null default '',
    topics text not null,
    created_at timestamptz not null default now()
);
create unique index if not exists customers_name_phone on public.customers (lower(name), phone_e164);

create table if not exists public.sales_scripts (
    id bigint generated always as identity primary key,
    customer_id bigint not null references public.customers (id) on delete cascade,
    script text not null,
    writer text not null default 'offline',
    created_at timestamptz not null default now()
);
create index if not exists sales_scripts_customer on public.sales_scripts (customer_id, id desc);

create table if not exists public.call_transcripts (
    id bigint generated always as identity primary key,
    customer_id bigint not null references public.customers (id) on delete cascade,
    script_id bigint references public.sales_scripts (id) on delete set null,
    transcript text not null default '',
    call_status text not null,
    phone_e164 text not null,
    provider text not null,
    provider_call_id text unique,
    attempt_key text not null unique,
    utterances jsonb not null default '[]'::jsonb,
    started_at timestamptz,
    ended_at timestamptz,
    duration_seconds double precision,
    error_message text,
    recording_url text,
    analysis jsonb,
    analysis_error text,
    created_at timestamptz not null default now()
);
create index if not exists call_transcripts_customer on public.call_transcripts (customer_id);
create index if not exists call_transcripts_status on public.call_transcripts (call_status);
create index if not exists call_transcripts_created on public.call_transcripts (created_at desc, id desc);
-- Fast transcript search (ilike '%words%') for the Transcripts page.
create index if not exists call_transcripts_transcript_trgm on public.call_transcripts using gin (transcript gin_trgm_ops);

alter table public.customers enable row level security;
alter table public.sales_scripts enable row level security;
alter table public.call_transcripts enable row level security;

-- No policies: anon and authenticated get nothing. Only the server-side key (service_role, which bypasses RLS) works.
revoke all on public.customers, public.sales_scripts, public.call_transcripts from anon, authenticated;
grant all on public.customers, public.sales_scripts, public.call_transcripts to service_role;
