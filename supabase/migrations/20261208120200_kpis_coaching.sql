-- KPIs an analyst trusts and coaching figures per presenter (issue 23), from sums kept current by the writes.
--
-- Each call keeps its coaching figures beside its lines (salesbot/analysis/coaching.py, written by the app with the
-- lines and the analysis): agent_words, customer_words, agent_questions, longest_monologue (seconds) and
-- first_objection (seconds into the call); and each topic of the analysis with its coverage as short JSON text
-- (topic_coverage), so the KPIs need not read whole analyses. Calls stored before this migration get them here, from their stored
-- lines and analysis, by the same rules in SQL.
--
-- call_daily_stats is rebuilt with who placed the call in its key and the new sums (next steps, talk, questions,
-- monologues, first objections, each objection kind); call_daily_topics counts each topic's coverage on connected
-- calls. call_stats answers from them when the filter is on the date, status, outcome, sentiment, country and who
-- placed the call only, else sums the matching calls the same way (call_measures_sql: one definition for both).
-- Runnable with `psql -f`: the rebuild runs in one transaction.

begin;

alter table public.call_transcripts add column if not exists agent_words integer;
alter table public.call_transcripts add column if not exists customer_words integer;
alter table public.call_transcripts add column if not exists agent_questions integer;
alter table public.call_transcripts add column if not exists longest_monologue double precision;
alter table public.call_transcripts add column if not exists first_objection double precision;
alter table public.call_transcripts add column if not exists topic_coverage text;  -- [["topic","coverage"], ...]

lock table public.call_transcripts in share row exclusive mode;
-- The totals are rebuilt from the calls below: the backfill's updates need not be added to them one by one.
alter table public.call_transcripts disable trigger call_daily_stats_update;

-- The calls stored before: coaching.line_figures and coaching.first_objection in SQL. A line's words are its runs
-- of non-space; it ends at its time and began when the line before it ended, or its words at 2.5 a second before
-- its end if that is later; a monologue runs from the first agent line after a customer line to the agent's last.
with lines as (
  select t.id, u.n, u.value->>'speaker' as speaker, u.value->>'text' as text,
         extract(epoch from (u.value->>'at')::timestamptz) as ended,
         coalesce(array_length(regexp_split_to_array(btrim(u.value->>'text', E' \t\n\r\f\v'), '\s+'), 1), 0)
           * (btrim(u.value->>'text', E' \t\n\r\f\v') <> '')::int as words
  from public.call_transcripts t,
       jsonb_array_elements(case when jsonb_typeof(t.utterances) = 'array' then t.utterances else '[]' end)
         with ordinality u(value, n)
  where t.agent_words is null
), spoken as (
  select l.*, greatest(l.ended - l.words / 2.5, lag(l.ended) over (partition by l.id order by l.n)) as began,
         count(*) filter (where l.speaker <> 'agent') over (partition by l.id order by l.n) as run
  from lines l where l.speaker in ('agent', 'customer') and l.words > 0
), figures as (
  select s.id,
         coalesce(sum(s.words) filter (where s.speaker = 'agent'), 0) as agent_words,
         coalesce(sum(s.words) filter (where s.speaker = 'customer'), 0) as customer_words,
         coalesce(sum((select count(*) from regexp_matches(s.text, '\?(?=\s|$)', 'g')))
                  filter (where s.speaker = 'agent'), 0) as agent_questions
  from spoken s group by s.id
), monologues as (
  select m.id, max(m.seconds) as longest
  from (select s.id, round((s.ended - min(s.began) over (partition by s.id, s.run))::numeric, 1)::float8 as seconds
        from spoken s where s.speaker = 'agent') m
  group by m.id
)
update public.call_transcripts t
set agent_words = f.agent_words, customer_words = f.customer_words, agent_questions = f.agent_questions,
    longest_monologue = m.longest
from figures f left join monologues m on m.id = f.id
where t.id = f.id;

update public.call_transcripts t
set first_objection = (select min((o->>'at')::float8) from jsonb_array_elements(t.analysis->'objections') o
                       where jsonb_typeof(o->'at') = 'number')
where jsonb_typeof(t.analysis->'objections') = 'array' and t.first_objection is null
  and exists (select from jsonb_array_elements(t.analysis->'objections') o where jsonb_typeof(o->'at') = 'number');

update public.call_transcripts t
set topic_coverage = (
  select coalesce(jsonb_agg(jsonb_build_array(e->>'topic', coalesce(e->>'status', case when e->>'covered' = 'true'
                                              then 'covered' else 'not_covered' end)) order by n), '[]')::text
  from jsonb_array_elements(t.analysis->'topics') with ordinality x(e, n) where e->>'topic' is not null)
where jsonb_typeof(t.analysis->'topics') = 'array' and t.topic_coverage is null;

-- What one call (alias r) adds to its groups: the key, then each sum (sqlite_daily.measures on SQLite).
create or replace function public.call_measures_sql(r text, sign text default '1')
returns text
language sql immutable set search_path = ''
as $$
  select format(
    '(%1$s.created_at at time zone ''UTC'')::date as day, %1$s.call_status, coalesce(%1$s.outcome, '''') as outcome,'
    ' coalesce(%1$s.sentiment, '''') as sentiment, %1$s.country_code, %1$s.created_by,'
    ' %2$s as calls, case when %1$s.connected then %2$s else 0 end as connected,'
    ' case when %1$s.connected then %2$s * coalesce(%1$s.duration_seconds, 0)::numeric else 0 end as connected_seconds,'
    ' case when %1$s.connected and %1$s.duration_seconds is not null then %2$s else 0 end as connected_timed,'
    ' case when %1$s.connected and %1$s.next_step_agreed then %2$s else 0 end as next_steps,'
    ' case when %1$s.connected then %2$s * coalesce(%1$s.agent_words, 0) else 0 end as agent_words,'
    ' case when %1$s.connected then %2$s * coalesce(%1$s.customer_words, 0) else 0 end as customer_words,'
    ' case when %1$s.connected then %2$s * coalesce(%1$s.agent_questions, 0) else 0 end as agent_questions,'
    ' case when %1$s.connected then %2$s * coalesce(%1$s.longest_monologue, 0)::numeric else 0 end as monologue_seconds,'
    ' case when %1$s.connected and %1$s.longest_monologue is not null then %2$s else 0 end as monologue_calls,'
    ' case when %1$s.connected then %2$s * coalesce(%1$s.first_objection, 0)::numeric else 0 end as objection_seconds,'
    ' case when %1$s.connected and %1$s.first_objection is not null then %2$s else 0 end as objection_calls,'
    ' case when ''price'' = any(%1$s.objections) then %2$s else 0 end as objection_price,'
    ' case when ''timing'' = any(%1$s.objections) then %2$s else 0 end as objection_timing,'
    ' case when ''competitor'' = any(%1$s.objections) then %2$s else 0 end as objection_competitor,'
    ' case when ''authority'' = any(%1$s.objections) then %2$s else 0 end as objection_authority,'
    ' case when ''no_need'' = any(%1$s.objections) then %2$s else 0 end as objection_no_need', r, sign)
$$;

-- Each topic of a connected call (alias r, its connected flag `connected`) with its coverage: e->>0 and e->>1.
create or replace function public.call_topics_sql(r text, connected text default 'connected')
returns text
language sql immutable set search_path = ''
as $$
  select format('jsonb_array_elements(case when %1$s.%2$I and %1$s.topic_coverage is not null'
                ' then %1$s.topic_coverage::jsonb else ''[]'' end) e', r, connected)
$$;
revoke all on function public.call_measures_sql(text, text), public.call_topics_sql(text, text) from public, anon, authenticated;
grant execute on function public.call_measures_sql(text, text), public.call_topics_sql(text, text) to service_role;

drop table if exists public.call_daily_stats;
create table public.call_daily_stats (
  day date not null, call_status text not null, outcome text not null, sentiment text not null,
  country_code text not null, created_by text not null,
  calls bigint not null default 0, connected bigint not null default 0,
  connected_seconds numeric not null default 0, connected_timed bigint not null default 0,
  next_steps bigint not null default 0, agent_words bigint not null default 0,
  customer_words bigint not null default 0, agent_questions bigint not null default 0,
  monologue_seconds numeric not null default 0, monologue_calls bigint not null default 0,
  objection_seconds numeric not null default 0, objection_calls bigint not null default 0,
  objection_price bigint not null default 0, objection_timing bigint not null default 0,
  objection_competitor bigint not null default 0, objection_authority bigint not null default 0,
  objection_no_need bigint not null default 0,
  primary key (day, call_status, outcome, sentiment, country_code, created_by)
);
create table if not exists public.call_daily_topics (
  day date not null, call_status text not null, outcome text not null, sentiment text not null,
  country_code text not null, created_by text not null, topic text not null, coverage text not null,
  calls bigint not null default 0,
  primary key (day, call_status, outcome, sentiment, country_code, created_by, topic, coverage)
);
alter table public.call_daily_stats enable row level security;
alter table public.call_daily_topics enable row level security;
revoke all on public.call_daily_stats, public.call_daily_topics from public, anon, authenticated;
grant select, insert, update, delete on public.call_daily_stats, public.call_daily_topics to service_role;

-- The sums of the groups, and the insert that adds changes to the totals (in key order: two writers lock rows in the
-- same order); groups whose sums are all zero (an update that changed nothing counted) are not written.
drop function if exists public.call_sums_sql();
create or replace function public.call_sums_sql(only_rows text default null)
returns text
language sql immutable set search_path = ''
as $$
  select string_agg(format('sum(%1$I)%2$s as %1$I', m,
                           coalesce(' filter (where ' || only_rows || ')', '')), ', ' order by n)
  from unnest(array['calls', 'connected', 'connected_seconds', 'connected_timed', 'next_steps', 'agent_words',
                    'customer_words', 'agent_questions', 'monologue_seconds', 'monologue_calls', 'objection_seconds',
                    'objection_calls', 'objection_price', 'objection_timing', 'objection_competitor',
                    'objection_authority', 'objection_no_need']) with ordinality u(m, n)
$$;
revoke all on function public.call_sums_sql(text) from public, anon, authenticated;
grant execute on function public.call_sums_sql(text) to service_role;

create or replace function public.call_daily_stats_apply()
returns trigger
language plpgsql set search_path = ''
as $$
declare
  keys constant text := 'day, call_status, outcome, sentiment, country_code, created_by';
  measures constant text[] := array['calls', 'connected', 'connected_seconds', 'connected_timed', 'next_steps',
    'agent_words', 'customer_words', 'agent_questions', 'monologue_seconds', 'monologue_calls', 'objection_seconds',
    'objection_calls', 'objection_price', 'objection_timing', 'objection_competitor', 'objection_authority',
    'objection_no_need'];
  changed text := case tg_op
    when 'INSERT' then format('select %s from added r', public.call_measures_sql('r', '1'))
    when 'DELETE' then format('select %s from removed r', public.call_measures_sql('r', '-1'))
    else format('select %s from added r union all select %s from removed r', public.call_measures_sql('r', '1'),
                public.call_measures_sql('r', '-1')) end;
  topics text := case tg_op
    when 'INSERT' then format('select r.*, 1 as sign from added r')
    when 'DELETE' then format('select r.*, -1 as sign from removed r')
    else 'select r.*, 1 as sign from added r union all select r.*, -1 as sign from removed r' end;
begin
  execute format(
    'insert into public.call_daily_stats as d (%1$s, %2$s) select %1$s, %3$s from (%4$s) c group by %1$s'
    ' having %5$s order by %1$s on conflict (%1$s) do update set %6$s',
    keys, array_to_string(measures, ', '), public.call_sums_sql(), changed,
    (select string_agg(format('sum(%I) <> 0', m), ' or ') from unnest(measures) m),
    (select string_agg(format('%1$I = d.%1$I + excluded.%1$I', m), ', ') from unnest(measures) m));
  execute format(
    'insert into public.call_daily_topics as d (%1$s, topic, coverage, calls)'
    ' select (r.created_at at time zone ''UTC'')::date, r.call_status, coalesce(r.outcome, ''''),'
    ' coalesce(r.sentiment, ''''), r.country_code, r.created_by, e->>0, e->>1, sum(r.sign)'
    ' from (%2$s) r, %3$s where e->>0 is not null group by 1, 2, 3, 4, 5, 6, 7, 8 having sum(r.sign) <> 0'
    ' order by 1, 2, 3, 4, 5, 6, 7, 8 on conflict (%1$s, topic, coverage) do update set calls = d.calls + excluded.calls',
    keys, topics, public.call_topics_sql('r'));
  return null;
end
$$;

create or replace function public.call_daily_stats_clear()
returns trigger
language plpgsql set search_path = ''
as $$
begin
  delete from public.call_daily_stats;
  delete from public.call_daily_topics;
  return null;
end
$$;
revoke all on function public.call_daily_stats_apply(), public.call_daily_stats_clear() from public, anon, authenticated;

-- The totals of the calls stored before this migration (a second run starts again from the calls).
do $$
begin
  delete from public.call_daily_topics;
  execute format('insert into public.call_daily_stats select day, call_status, outcome, sentiment, country_code,'
                 ' created_by, %s from (select %s from public.call_transcripts t) c group by 1, 2, 3, 4, 5, 6',
                 public.call_sums_sql(), public.call_measures_sql('t'));
  execute format('insert into public.call_daily_topics select (t.created_at at time zone ''UTC'')::date,'
                 ' t.call_status, coalesce(t.outcome, ''''), coalesce(t.sentiment, ''''), t.country_code, t.created_by,'
                 ' e->>0, e->>1, count(*) from public.call_transcripts t, %s'
                 ' where e->>0 is not null group by 1, 2, 3, 4, 5, 6, 7, 8', public.call_topics_sql('t'));
end
$$;
alter table public.call_transcripts enable trigger call_daily_stats_update;

commit;

-- The same conditions as call_filter_sql over the totals' keys (d): date, status, outcome, sentiment, country, who.
create or replace function public.call_daily_stats_filter_sql(p_filter jsonb)
returns text
language plpgsql stable set search_path = ''
as $$
declare
  parts text[] := array['true'];
  column_values record;
begin
  if p_filter->>'date_from' is not null then
    parts := parts || format('d.day >= %L::date', p_filter->>'date_from');
  end if;
  if p_filter->>'date_to' is not null then
    parts := parts || format('d.day <= %L::date', p_filter->>'date_to');
  end if;
  for column_values in select * from (values ('call_status', 'statuses'), ('outcome', 'outcomes'),
                                             ('sentiment', 'sentiments')) v(col, key) loop
    if coalesce(jsonb_array_length(p_filter->column_values.key), 0) > 0 then
      parts := parts || format('d.%I = any(%L::text[])', column_values.col,
                               array(select jsonb_array_elements_text(p_filter->column_values.key)));
    end if;
  end loop;
  if coalesce(p_filter->>'country_code', '') <> '' then
    parts := parts || format('d.country_code = %L', p_filter->>'country_code');
  end if;
  if coalesce(p_filter->>'created_by', '') <> '' then
    parts := parts || format('d.created_by = %L', p_filter->>'created_by');
  end if;
  return array_to_string(parts, ' and ');
end
$$;
revoke all on function public.call_daily_stats_filter_sql(jsonb) from public, anon, authenticated;
grant execute on function public.call_daily_stats_filter_sql(jsonb) to service_role;

-- KPIs: the groups (per day, status, outcome, sentiment and who placed the call) from the totals when they answer the
-- filter, else from the matching calls; then every figure the page shows, from those groups, in one answer.
create or replace function public.call_stats(p_filter jsonb)
returns jsonb
language plpgsql volatile security invoker set search_path = public
as $$
declare
  result jsonb;
  searching boolean := jsonb_array_length(coalesce(p_filter->'terms', '[]')) > 0
                       or coalesce(p_filter->>'tsquery', '') <> '';
  matching text := 'select 1';
  source text;
  topics text;
begin
  if (select bool_and(key in ('date_from', 'date_to', 'statuses', 'outcomes', 'sentiments', 'country_code', 'said_by',
                              'created_by')
                      or value in ('null'::jsonb, '[]'::jsonb, '""'::jsonb))
      from jsonb_each(p_filter)) is not false then
    source := 'select * from public.call_daily_stats d where ' || public.call_daily_stats_filter_sql(p_filter);
    topics := 'select d.topic, d.coverage, d.calls from public.call_daily_topics d where '
              || public.call_daily_stats_filter_sql(p_filter);
  else
    -- One pass over the matching calls, grouped by the groups' keys and, at once, by their list of topics (calls
    -- share a few lists: each is read once): m holds only the groups (kind 0) and the lists (kind 1).
    matching := format(
      'select grouping(s.day) as kind, s.day, s.call_status, s.outcome, s.sentiment, s.created_by, s.topic_coverage,'
      ' %s, count(*) filter (where s.is_connected) as topic_calls'
      ' from (select %s, t.topic_coverage, t.connected as is_connected from public.call_transcripts t where %s) s'
      ' group by grouping sets ((s.day, s.call_status, s.outcome, s.sentiment, s.created_by), (s.topic_coverage))',
      public.call_sums_sql(), public.call_measures_sql('t'), public.call_filter_sql(p_filter));
    source := 'select * from m where kind = 0';
    topics := 'select e->>0 as topic, e->>1 as coverage, m.topic_calls as calls from m,'
              ' jsonb_array_elements(m.topic_coverage::jsonb) e where m.kind = 1 and m.topic_calls > 0';
  end if;
  perform public.use_search_indexes(searching);
  execute format(
    'with m as materialized (%4$s),'
    ' g as (select day, call_status, outcome, sentiment, created_by, %1$s from (%2$s) s group by 1, 2, 3, 4, 5'
    '           having sum(calls) > 0),'
    ' p as (select created_by, %1$s, sum(connected) filter (where outcome = ''meeting_booked'') as meetings'
    '       from g group by created_by)'
    ' select jsonb_build_object('
    '   ''calls'', coalesce(sum(calls), 0), ''connected'', coalesce(sum(connected), 0),'
    '   ''average_seconds'', sum(connected_seconds) / nullif(sum(connected_timed), 0),'
    '   ''finished'', coalesce(sum(calls) filter (where call_status in (''completed'', ''stopped'', ''failed'')), 0),'
    '   ''meetings'', coalesce(sum(connected) filter (where outcome = ''meeting_booked''), 0),'
    '   ''next_steps'', coalesce(sum(next_steps), 0),'
    '   ''objections'', jsonb_build_object(''price'', sum(objection_price), ''timing'', sum(objection_timing),'
    '     ''competitor'', sum(objection_competitor), ''authority'', sum(objection_authority),'
    '     ''no_need'', sum(objection_no_need)),'
    '   ''per_day'', coalesce((select jsonb_agg(jsonb_build_array(day, outcome, n) order by day, outcome)'
    '     from (select day, outcome, sum(calls) as n from g group by 1, 2) x), ''[]''),'
    '   ''sentiments'', coalesce((select jsonb_object_agg(sentiment, n)'
    '     from (select sentiment, sum(calls) as n from g where sentiment <> '''' group by 1) x), ''{}''),'
    '   ''presenters'', coalesce((select jsonb_agg(jsonb_build_array(created_by, calls, connected, meetings,'
    '     agent_words, customer_words, agent_questions, round(monologue_seconds, 1), monologue_calls,'
    '     round(objection_seconds, 1), objection_calls) order by created_by) from p), ''[]''),'
    '   ''topics'', coalesce((select jsonb_agg(jsonb_build_array(topic, coverage, n) order by topic, coverage)'
    '     from (select topic, coverage, sum(calls) as n from (%3$s) tt group by 1, 2 having sum(calls) > 0) x), ''[]''))'
    ' from g', public.call_sums_sql(), source, topics, matching)
  into result;
  perform public.use_search_indexes(false);
  return result;
end
$$;
revoke all on function public.call_stats(jsonb) from public, anon, authenticated;
grant execute on function public.call_stats(jsonb) to service_role;
