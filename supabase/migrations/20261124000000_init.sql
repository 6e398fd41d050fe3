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
    country_code text not null default 'IN',
    outcome text,      -- analysis->>'outcome', kept as a column so filters can use an index
    sentiment text,
    created_at timestamptz not null default now(),
    -- Full-text search over what was said (the 'simple' configuration: no stemming, any language).
    transcript_tsv tsvector generated always as (to_tsvector('simple', transcript)) stored
);
-- Keep the heap narrow: transcript, utterances, analysis and the search vector go out of line (TOAST), so
-- filtering and sorting 100,000 calls reads small rows; only the page's 25 rows fetch their big columns.
alter table public.call_transcripts set (toast_tuple_target = 128);
create index if not exists call_transcripts_customer on public.call_transcripts (customer_id);
create index if not exists call_transcripts_status on public.call_transcripts (call_status);
create index if not exists call_transcripts_created on public.call_transcripts (created_at desc, id desc);
create index if not exists call_transcripts_outcome on public.call_transcripts (outcome, created_at desc);
create index if not exists call_transcripts_country on public.call_transcripts (country_code, created_at desc);
create index if not exists call_transcripts_duration on public.call_transcripts (duration_seconds desc nulls last);
-- Fast transcript search for the Transcripts page: full-text words (tsvector), and substrings (trigrams).
create index if not exists call_transcripts_transcript_fts on public.call_transcripts using gin (transcript_tsv);
create index if not exists call_transcripts_transcript_trgm on public.call_transcripts using gin (transcript gin_trgm_ops);

-- KPIs for the Transcripts page's current filter, in one round trip (called through the API as rpc/call_stats).
create or replace function public.call_stats(p_filter jsonb)
returns jsonb
language sql stable security invoker set search_path = public
as $$
  with matching as (
    select t.call_status, t.outcome, t.duration_seconds, t.created_at
    from public.call_transcripts t
    where (p_filter->>'date_from' is null or t.created_at >= ((p_filter->>'date_from')::date::timestamp at time zone 'UTC'))
      and (p_filter->>'date_to' is null or t.created_at < (((p_filter->>'date_to')::date + 1)::timestamp at time zone 'UTC'))
      and (coalesce(jsonb_array_length(p_filter->'statuses'), 0) = 0
           or t.call_status in (select jsonb_array_elements_text(p_filter->'statuses')))
      and (coalesce(jsonb_array_length(p_filter->'outcomes'), 0) = 0
           or t.outcome in (select jsonb_array_elements_text(p_filter->'outcomes')))
      and (coalesce(jsonb_array_length(p_filter->'sentiments'), 0) = 0
           or t.sentiment in (select jsonb_array_elements_text(p_filter->'sentiments')))
      and (coalesce(p_filter->>'country_code', '') = '' or t.country_code = p_filter->>'country_code')
      and (p_filter->>'customer_id' is null or t.customer_id = (p_filter->>'customer_id')::bigint)
      and (coalesce(p_filter->>'customer_name', '') = ''
           or t.customer_id in (select c.id from public.customers c
                                where strpos(lower(c.name), lower(p_filter->>'customer_name')) > 0))
      and (coalesce(p_filter->>'tsquery', '') = ''
           or t.transcript_tsv @@ to_tsquery('simple', p_filter->>'tsquery'))
  ), days as (
    select (created_at at time zone 'UTC')::date as day, coalesce(outcome, '') as outcome, count(*) as n
    from matching group by 1, 2
  )
  select jsonb_build_object(
    'calls', (select count(*) from matching),
    'connected', (select count(*) from matching
                  where call_status = 'completed' and coalesce(outcome, '') not in ('voicemail', 'no_answer')),
    'average_seconds', (select avg(duration_seconds) from matching),
    'per_day', coalesce((select jsonb_agg(jsonb_build_array(day, outcome, n) order by day, outcome) from days), '[]'::jsonb)
  )
$$;
revoke all on function public.call_stats(jsonb) from public, anon, authenticated;
grant execute on function public.call_stats(jsonb) to service_role;

alter table public.customers enable row level security;
alter table public.sales_scripts enable row level security;
alter table public.call_transcripts enable row level security;

-- No policies: anon and authenticated get nothing. Only the server-side key (service_role, which bypasses RLS) works.
revoke all on public.customers, public.sales_scripts, public.call_transcripts from anon, authenticated;
grant all on public.customers, public.sales_scripts, public.call_transcripts to service_role;
