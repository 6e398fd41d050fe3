-- Exact and speaker-aware search, and KPIs that count what an analyst means by "connected".
--
-- Each call keeps its customer's and its agent's lines beside the transcript (the app writes them with the
-- utterances: salesbot/storage/rows.py speaker_columns), each one utterance per line, white space collapsed, NFC:
--   customer_text, agent_text   the speaker's lines ('' when they said nothing)
--   customer_spoke              the customer said anything at all
-- Full-text vectors of each (the 'simple' configuration, as transcript_tsv) are generated from them, one JSON string
-- per line: PostgreSQL leaves a position free between JSON strings, so a phrase (<->) never runs from one utterance
-- into the next (https://www.postgresql.org/docs/15/textsearch-controls.html, to_tsvector on json(b)).
--
-- connected: the customer answered. The call completed or was stopped, the customer said something, and its analysis
-- (once there is one) does not say nobody engaged (voicemail, no_answer, incomplete). The SQLite store counts the same
-- (salesbot/storage/sqlite_search.py CONNECTED); the KPIs' average duration is over connected calls only.

alter table public.call_transcripts add column if not exists customer_text text not null default '';
alter table public.call_transcripts add column if not exists agent_text text not null default '';
alter table public.call_transcripts add column if not exists customer_spoke boolean not null default false;

-- Calls stored before this migration: their utterances split by speaker as the app does it.
update public.call_transcripts t
set customer_text = s.customer_text, agent_text = s.agent_text, customer_spoke = s.customer_text <> ''
from (
  select id,
         coalesce(string_agg(line, E'\n' order by n) filter (where speaker = 'customer'), '') as customer_text,
         coalesce(string_agg(line, E'\n' order by n) filter (where speaker = 'agent'), '') as agent_text
  from (
    select c.id, u.n, u.e->>'speaker' as speaker,
           normalize(btrim(regexp_replace(coalesce(u.e->>'text', ''), '\s+', ' ', 'g')), NFC) as line
    from public.call_transcripts c
    cross join lateral jsonb_array_elements(case when jsonb_typeof(c.utterances) = 'array'
                                                 then c.utterances else '[]'::jsonb end) with ordinality u(e, n)
  ) lines
  where line <> ''
  group by id
) s
where s.id = t.id and t.customer_text = '' and t.agent_text = '';

-- A speaker's lines as a search vector, each line a JSON string of its own (see above).
create or replace function public.lines_tsvector(lines text)
returns tsvector
language sql immutable strict parallel safe set search_path = ''
as $$ select pg_catalog.to_tsvector('simple'::regconfig, pg_catalog.to_jsonb(pg_catalog.string_to_array(lines, E'\n'))) $$;
revoke all on function public.lines_tsvector(text) from public, anon, authenticated;
grant execute on function public.lines_tsvector(text) to service_role;

alter table public.call_transcripts
  add column if not exists customer_tsv tsvector generated always as (public.lines_tsvector(customer_text)) stored,
  add column if not exists agent_tsv tsvector generated always as (public.lines_tsvector(agent_text)) stored,
  add column if not exists connected boolean generated always as (
    call_status in ('completed', 'stopped') and customer_spoke
    and coalesce(outcome, '') not in ('voicemail', 'no_answer', 'incomplete')
  ) stored;

create index if not exists call_transcripts_customer_fts on public.call_transcripts using gin (customer_tsv);
create index if not exists call_transcripts_agent_fts on public.call_transcripts using gin (agent_tsv);

-- The page's view gains the speakers' search vectors and the connected flag (new columns last).
create or replace view public.call_list with (security_invoker = true) as
select t.id, t.customer_id, t.phone_e164, t.call_status, t.provider, t.started_at, t.duration_seconds, t.transcript,
       t.created_at, t.country_code, t.outcome, t.sentiment, t.transcript_tsv, c.name as customer_name,
       t.objections, t.next_step_agreed, t.analysis, t.customer_tsv, t.agent_tsv, t.connected
from public.call_transcripts t
left join public.customers c on c.id = t.customer_id;
revoke all on public.call_list from public, anon, authenticated, service_role;
grant select on public.call_list to service_role;

-- The KPIs' filter as SQL, only the conditions the filter sets, values quoted as literals (%L): the planner then sees
-- each condition and its value and picks the indexes that serve them (the earlier call_stats wrote every condition
-- as "unset or matches", which no index serves: every call was read for every search).
-- said_by ('', 'customer', 'agent') picks the vector the tsquery reads: the transcript, or one speaker's lines.
create or replace function public.call_filter_sql(p_filter jsonb)
returns text
language plpgsql immutable set search_path = ''
as $$
declare
  parts text[] := array['true'];
  vector text := case p_filter->>'said_by' when 'customer' then 'customer_tsv' when 'agent' then 'agent_tsv'
                 else 'transcript_tsv' end;
  column_values record;
begin
  if p_filter->>'date_from' is not null then
    parts := parts || format('t.created_at >= (%L::date::timestamp at time zone ''UTC'')', p_filter->>'date_from');
  end if;
  if p_filter->>'date_to' is not null then
    parts := parts || format('t.created_at < ((%L::date + 1)::timestamp at time zone ''UTC'')', p_filter->>'date_to');
  end if;
  for column_values in select * from (values ('call_status', 'statuses'), ('outcome', 'outcomes'),
                                             ('sentiment', 'sentiments')) v(col, key) loop
    if coalesce(jsonb_array_length(p_filter->column_values.key), 0) > 0 then
      parts := parts || format('t.%I = any(%L::text[])', column_values.col,
                               array(select jsonb_array_elements_text(p_filter->column_values.key)));
    end if;
  end loop;
  if coalesce(jsonb_array_length(p_filter->'objections'), 0) > 0 then
    parts := parts || format('t.objections && %L::text[]', array(select jsonb_array_elements_text(p_filter->'objections')));
  end if;
  if p_filter->>'next_step_agreed' is not null then
    parts := parts || format('t.next_step_agreed = %L::boolean', p_filter->>'next_step_agreed');
  end if;
  if coalesce(p_filter->>'country_code', '') <> '' then
    parts := parts || format('t.country_code = %L', p_filter->>'country_code');
  end if;
  if p_filter->>'customer_id' is not null then
    parts := parts || format('t.customer_id = %L::bigint', p_filter->>'customer_id');
  end if;
  if coalesce(p_filter->>'customer_like', '') <> '' then
    parts := parts || format('t.customer_id in (select c.id from public.customers c where c.name ilike %L)',
                             p_filter->>'customer_like');
  elsif coalesce(p_filter->>'customer_name', '') <> '' then  -- an app from before customer_like
    parts := parts || format('t.customer_id in (select c.id from public.customers c'
                             ' where strpos(lower(c.name), lower(%L)) > 0)', p_filter->>'customer_name');
  end if;
  if coalesce(p_filter->>'tsquery', '') <> '' then
    parts := parts || format('t.%I @@ to_tsquery(''simple'', %L)', vector, p_filter->>'tsquery');
  end if;
  return array_to_string(parts, ' and ');
end
$$;
revoke all on function public.call_filter_sql(jsonb) from public, anon, authenticated;
grant execute on function public.call_filter_sql(jsonb) to service_role;

-- KPIs in one pass over the matching calls: per day and outcome, how many, how many connected, and the connected
-- calls' durations (their average is the KPI).
create or replace function public.call_stats(p_filter jsonb)
returns jsonb
language plpgsql stable security invoker set search_path = public
as $$
declare
  result jsonb;
begin
  execute
    'with days as ('
    '  select (t.created_at at time zone ''UTC'')::date as day, coalesce(t.outcome, '''') as outcome, count(*) as n,'
    '         count(*) filter (where t.connected) as connected,'
    '         sum(t.duration_seconds) filter (where t.connected) as seconds,'
    '         count(t.duration_seconds) filter (where t.connected) as timed'
    '  from public.call_transcripts t where ' || public.call_filter_sql(p_filter) || ' group by 1, 2)'
    ' select jsonb_build_object('
    '   ''calls'', coalesce(sum(n), 0), ''connected'', coalesce(sum(connected), 0),'
    '   ''average_seconds'', sum(seconds) / nullif(sum(timed), 0),'
    '   ''per_day'', coalesce(jsonb_agg(jsonb_build_array(day, outcome, n) order by day, outcome), ''[]''::jsonb))'
    ' from days'
  into result;
  return result;
end
$$;
revoke all on function public.call_stats(jsonb) from public, anon, authenticated;
grant execute on function public.call_stats(jsonb) to service_role;
