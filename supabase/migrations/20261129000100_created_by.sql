-- Who did what, with sign-in (st.login): each customer, script version and call records the signed-in user's email
-- who created it ('' without sign-in, for rows from before this migration and for the REST API). The Transcripts page
-- shows the call's and filters on it ("Placed by"), so the page's view, the filter SQL and rpc/call_page carry it.
-- A filter on it is not one the per-day totals answer: call_stats (20261128000100) counts the matching calls then.

alter table public.customers add column if not exists created_by text not null default '';
alter table public.sales_scripts add column if not exists created_by text not null default '';
alter table public.call_transcripts add column if not exists created_by text not null default '';
create index if not exists call_transcripts_created_by on public.call_transcripts (created_by, created_at desc, id desc);

-- The page's view gains created_by (new columns last).
create or replace view public.call_list with (security_invoker = true) as
select t.id, t.customer_id, t.phone_e164, t.call_status, t.provider, t.started_at, t.duration_seconds, t.transcript,
       t.created_at, t.country_code, t.outcome, t.sentiment, t.transcript_tsv, c.name as customer_name,
       t.objections, t.next_step_agreed, t.analysis, t.customer_tsv, t.agent_tsv, t.connected, t.created_by
from public.call_transcripts t
left join public.customers c on c.id = t.customer_id;
revoke all on public.call_list from public, anon, authenticated, service_role;
grant select on public.call_list to service_role;

-- call_filter_sql as in 20261128000000, with "created_by" (an address, lower-case as stored).
create or replace function public.call_filter_sql(p_filter jsonb, p_search boolean default true)
returns text
language plpgsql stable set search_path = ''
as $$
declare
  parts text[] := array['true'];
  speaker text := coalesce(p_filter->>'said_by', '');
  vector text := case speaker when 'customer' then 'customer_tsv' when 'agent' then 'agent_tsv' else 'transcript_tsv' end;
  tag text := case speaker when 'customer' then 'c' when 'agent' then 'a' else 't' end;
  term jsonb;
  words tsvector;
  pairs text[];
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
  if coalesce(p_filter->>'created_by', '') <> '' then
    parts := parts || format('t.created_by = %L', p_filter->>'created_by');
  end if;
  if coalesce(p_filter->>'customer_like', '') <> '' then
    parts := parts || format('t.customer_id in (select c.id from public.customers c where c.name ilike %L)',
                             p_filter->>'customer_like');
  elsif coalesce(p_filter->>'customer_name', '') <> '' then  -- an app from before customer_like
    parts := parts || format('t.customer_id in (select c.id from public.customers c'
                             ' where strpos(lower(c.name), lower(%L)) > 0)', p_filter->>'customer_name');
  end if;
  if not p_search then
    return array_to_string(parts, ' and ');
  end if;
  if jsonb_typeof(p_filter->'terms') = 'array' then
    for term in select * from jsonb_array_elements(p_filter->'terms') loop
      words := case when jsonb_typeof(term->'phrase') = 'string'
                    then to_tsvector('simple'::regconfig, term->>'phrase') end;
      pairs := case when words is not null then public.phrase_pairs(words, tag) end;
      if coalesce(cardinality(pairs), 0) > 0 then
        parts := parts || format('t.search_pairs @> %L::text[]', pairs);
      end if;
      -- Two words at two positions: the pairs were the whole phrase. Otherwise the vector decides.
      if words is null or coalesce(cardinality(pairs), 0) = 0
         or (select count(*) from unnest(words) u, unnest(u.positions)) > 2 then
        parts := parts || format('t.%I @@ to_tsquery(''simple'', %L)', vector, term->>'query');
      end if;
    end loop;
  elsif coalesce(p_filter->>'tsquery', '') <> '' then
    parts := parts || format('t.%I @@ to_tsquery(''simple'', %L)', vector, p_filter->>'tsquery');
  end if;
  return array_to_string(parts, ' and ');
end
$$;
revoke all on function public.call_filter_sql(jsonb, boolean) from public, anon, authenticated;
grant execute on function public.call_filter_sql(jsonb, boolean) to service_role;

-- call_page as in 20261128000000, its rows with created_by.
create or replace function public.call_page(p_query jsonb)
returns jsonb
language plpgsql volatile security invoker set search_path = public
as $$
declare
  p_filter jsonb := coalesce(p_query->'filter', '{}');
  page_size int := least(greatest(coalesce((p_query->>'limit')::int, 25), 0), 1000);
  skip int := greatest(coalesce((p_query->>'offset')::int, 0), 0);
  probe int := greatest(500, 20 * (skip + page_size));
  ordering text := case p_query->>'sort'
    when 'oldest' then 'created_at asc, id asc'
    when 'longest' then 'duration_seconds desc nulls last, id desc'
    when 'shortest' then 'duration_seconds asc nulls last, id desc'
    else 'created_at desc, id desc' end;
  after_sql text := 'true';
  matching text;
  others text;
  found bigint[];
  probed int;
  answered_by_indexes boolean;
  total bigint;
  rows jsonb;
begin
  if jsonb_typeof(p_query->'after') = 'array' then
    if exists (select from jsonb_array_elements(p_query->'after') alternative
               left join lateral jsonb_array_elements(case when jsonb_typeof(alternative) = 'array'
                                                           then alternative else '[]' end) c on true
               where c is null or c->>0 is null or c->>0 not in ('created_at', 'duration_seconds', 'id')
                  or c->>1 is null or c->>1 not in ('lt', 'gt', 'eq', 'is_null')) then
      raise exception 'call_page: "after" holds a condition other than [created_at|duration_seconds|id, lt|gt|eq|is_null, value]'
        using errcode = '22023';
    end if;
    select coalesce(string_agg('(' || (
             select string_agg(case when c->>1 = 'is_null' then format('t.%I is null', c->>0)
                                    else format('t.%I %s %L', c->>0, case c->>1 when 'lt' then '<' when 'gt' then '>'
                                                                          else '=' end, c->>2) end, ' and ')
             from jsonb_array_elements(alternative) c) || ')', ' or '), 'false')
    into after_sql
    from jsonb_array_elements(p_query->'after') alternative;
  end if;
  matching := public.call_filter_sql(p_filter) || ' and (' || after_sql || ')';
  others := public.call_filter_sql(p_filter, false) || ' and (' || after_sql || ')';
  if skip + page_size <= 1000 and coalesce((p_query->>'probe')::boolean, true) then
    execute format(
      'select coalesce((array_agg(s.id order by s.n) filter (where s.hit))[%s:%s], ''{}''), count(*)'
      ' from (select t.id, row_number() over (order by %s) as n, (%s) as hit'
      '       from (select * from public.call_transcripts t where %s order by %s limit %s) t) s',
      skip + 1, skip + page_size, ordering, matching, others, ordering, probe)
    into found, probed;
    if cardinality(found) < page_size and probed >= probe then
      found := null;  -- too few among the calls probed, and more calls to search: ask the indexes
    end if;
  end if;
  perform public.use_search_indexes(true);
  answered_by_indexes := found is null;
  if found is null then
    execute format('select coalesce(array_agg(s.id), ''{}'') from (select t.id from public.call_transcripts t'
                   ' where %s order by %s limit %s offset %s) s', matching, ordering, page_size, skip)
    into found;
  end if;
  if coalesce((p_query->>'count')::boolean, false) then
    execute 'select count(*) from public.call_transcripts t where ' || matching into total;
  end if;
  perform public.use_search_indexes(false);
  if coalesce((p_query->>'keys')::boolean, false) then
    select coalesce(jsonb_agg(jsonb_build_object('id', t.id, 'created_at', t.created_at,
                                                 'duration_seconds', t.duration_seconds) order by k.n), '[]')
    into rows
    from unnest(found) with ordinality k(id, n) join public.call_transcripts t on t.id = k.id;
  else
    select coalesce(jsonb_agg(to_jsonb(r) - 'n' order by r.n), '[]') into rows
    from (select l.id, l.customer_id, l.phone_e164, l.call_status, l.provider, l.started_at, l.duration_seconds,
                 l.transcript, l.created_at, l.country_code, l.outcome, l.sentiment, l.customer_name, l.objections,
                 l.next_step_agreed, l.analysis, l.created_by, k.n
          from unnest(found) with ordinality k(id, n)
          join public.call_list l on l.id = k.id) r;
  end if;
  return jsonb_build_object('rows', rows, 'total', total, 'probed', probed is not null and found is not null
                            and not answered_by_indexes);
end
$$;
revoke all on function public.call_page(jsonb) from public, anon, authenticated;
grant execute on function public.call_page(jsonb) to service_role;
