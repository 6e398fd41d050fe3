-- The KPIs of the unfiltered Transcripts page (and of filters on the date, status, outcome, sentiment and country
-- only) from per-day totals kept current by the writes, instead of reading every call: at a million calls the page's
-- first load otherwise reads them all.
--
-- call_daily_stats holds, per UTC day and status, outcome ('' before analysis), sentiment ('' before analysis) and
-- country: how many calls, how many connected, and the connected calls' total duration and how many had one.
-- Statement triggers on call_transcripts add what each insert, update and delete changes (an update that changes
-- none of those columns, such as a poll adding lines, writes nothing here); a truncate empties it.

create table if not exists public.call_daily_stats (
  day date not null,
  call_status text not null,
  outcome text not null,
  sentiment text not null,
  country_code text not null,
  calls bigint not null default 0,
  connected bigint not null default 0,
  connected_seconds numeric not null default 0,  -- exact: it is added to and taken from for ever
  connected_timed bigint not null default 0,
  primary key (day, call_status, outcome, sentiment, country_code)
);
alter table public.call_daily_stats enable row level security;
revoke all on public.call_daily_stats from public, anon, authenticated;
grant select, insert, update, delete on public.call_daily_stats to service_role;

-- What a statement changed, from its transition tables (added: the rows as written, removed: as they were; an insert
-- has only added, a delete only removed), summed per group in key order (two writers lock rows in the same order).
-- Groups whose sums are all zero (an update that changed none of the counted columns) are not written.
create or replace function public.call_daily_stats_apply()
returns trigger
language plpgsql set search_path = ''
as $$
declare
  columns constant text := 'created_at, call_status, outcome, sentiment, country_code, connected, duration_seconds';
  changed text := case tg_op
    when 'INSERT' then format('select %s, 1 as sign from added', columns)
    when 'DELETE' then format('select %s, -1 as sign from removed', columns)
    else format('select %s, 1 as sign from added union all select %s, -1 as sign from removed', columns, columns) end;
begin
  execute format($sql$
    insert into public.call_daily_stats as d (day, call_status, outcome, sentiment, country_code, calls, connected,
                                               connected_seconds, connected_timed)
    select day, call_status, outcome, sentiment, country_code, sum(calls), sum(connected), sum(seconds), sum(timed)
    from (
      select (r.created_at at time zone 'UTC')::date as day, r.call_status, coalesce(r.outcome, '') as outcome,
             coalesce(r.sentiment, '') as sentiment, r.country_code, r.sign as calls,
             case when r.connected then r.sign else 0 end as connected,
             case when r.connected then r.sign * coalesce(r.duration_seconds, 0)::numeric else 0 end as seconds,
             case when r.connected and r.duration_seconds is not null then r.sign else 0 end as timed
      from (%s) r
    ) changes
    group by day, call_status, outcome, sentiment, country_code
    having sum(calls) <> 0 or sum(connected) <> 0 or sum(seconds) <> 0 or sum(timed) <> 0
    order by day, call_status, outcome, sentiment, country_code
    on conflict (day, call_status, outcome, sentiment, country_code) do update
    set calls = d.calls + excluded.calls, connected = d.connected + excluded.connected,
        connected_seconds = d.connected_seconds + excluded.connected_seconds,
        connected_timed = d.connected_timed + excluded.connected_timed
  $sql$, changed);
  return null;
end
$$;

create or replace function public.call_daily_stats_clear()
returns trigger
language plpgsql set search_path = ''
as $$
begin
  delete from public.call_daily_stats;
  return null;
end
$$;
revoke all on function public.call_daily_stats_apply(), public.call_daily_stats_clear() from public, anon, authenticated;

drop trigger if exists call_daily_stats_insert on public.call_transcripts;
drop trigger if exists call_daily_stats_update on public.call_transcripts;
drop trigger if exists call_daily_stats_delete on public.call_transcripts;
drop trigger if exists call_daily_stats_truncate on public.call_transcripts;
create trigger call_daily_stats_insert after insert on public.call_transcripts
  referencing new table as added for each statement execute function public.call_daily_stats_apply();
create trigger call_daily_stats_update after update on public.call_transcripts
  referencing old table as removed new table as added for each statement execute function public.call_daily_stats_apply();
create trigger call_daily_stats_delete after delete on public.call_transcripts
  referencing old table as removed for each statement execute function public.call_daily_stats_apply();
create trigger call_daily_stats_truncate after truncate on public.call_transcripts
  for each statement execute function public.call_daily_stats_clear();

-- The calls stored before this migration (a second run starts again from the calls). One DO block, so the lock is
-- held until the totals are written however the file is run: `psql -f` runs each statement in a transaction of its
-- own, and a bare LOCK TABLE there fails ("can be used only in transaction blocks").
do $$
begin
  lock table public.call_transcripts in share mode;
  delete from public.call_daily_stats;
  insert into public.call_daily_stats (day, call_status, outcome, sentiment, country_code, calls, connected,
                                       connected_seconds, connected_timed)
  select (created_at at time zone 'UTC')::date, call_status, coalesce(outcome, ''), coalesce(sentiment, ''),
         country_code, count(*), count(*) filter (where connected),
         coalesce(sum(duration_seconds::numeric) filter (where connected), 0),
         count(duration_seconds) filter (where connected)
  from public.call_transcripts
  group by 1, 2, 3, 4, 5;
end
$$;

-- KPIs: from call_daily_stats when the filter is only about the date, status, outcome, sentiment and country (the
-- same conditions call_filter_sql writes, on the same UTC days), else in one pass over the matching calls as before.
create or replace function public.call_stats(p_filter jsonb)
returns jsonb
language plpgsql volatile security invoker set search_path = public
as $$
declare
  result jsonb;
  searching boolean := jsonb_array_length(coalesce(p_filter->'terms', '[]')) > 0
                       or coalesce(p_filter->>'tsquery', '') <> '';
  source text;
begin
  if (select bool_and(key in ('date_from', 'date_to', 'statuses', 'outcomes', 'sentiments', 'country_code', 'said_by')
                      or value in ('null'::jsonb, '[]'::jsonb, '""'::jsonb))
      from jsonb_each(p_filter)) is not false then
    source := 'select d.day, d.outcome, d.calls as n, d.connected, d.connected_seconds as seconds,'
              ' d.connected_timed as timed from public.call_daily_stats d where '
              || public.call_daily_stats_filter_sql(p_filter);
  else
    source := 'select (t.created_at at time zone ''UTC'')::date as day, coalesce(t.outcome, '''') as outcome,'
              ' 1 as n, t.connected::int as connected, case when t.connected then t.duration_seconds end as seconds,'
              ' (t.connected and t.duration_seconds is not null)::int as timed'
              ' from public.call_transcripts t where ' || public.call_filter_sql(p_filter);
  end if;
  perform public.use_search_indexes(searching);
  execute
    'with days as (select day, outcome, sum(n) as n, sum(connected) as connected, sum(seconds) as seconds,'
    ' sum(timed) as timed from (' || source || ') s group by 1, 2 having sum(n) > 0)'
    ' select jsonb_build_object('
    '   ''calls'', coalesce(sum(n), 0), ''connected'', coalesce(sum(connected), 0),'
    '   ''average_seconds'', sum(seconds) / nullif(sum(timed), 0),'
    '   ''per_day'', coalesce(jsonb_agg(jsonb_build_array(day, outcome, n) order by day, outcome), ''[]''::jsonb))'
    ' from days'
  into result;
  perform public.use_search_indexes(false);
  return result;
end
$$;
revoke all on function public.call_stats(jsonb) from public, anon, authenticated;
grant execute on function public.call_stats(jsonb) to service_role;

-- The same date, status, outcome, sentiment and country conditions as call_filter_sql, over call_daily_stats d.
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
  return array_to_string(parts, ' and ');
end
$$;
revoke all on function public.call_daily_stats_filter_sql(jsonb) from public, anon, authenticated;
grant execute on function public.call_daily_stats_filter_sql(jsonb) to service_role;
