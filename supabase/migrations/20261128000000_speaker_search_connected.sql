-- Exact and speaker-aware search, and KPIs that count what an analyst means by "connected".
--
-- Each call keeps its customer's and its agent's lines beside the transcript (the app writes them with the
-- utterances: salesbot/storage/rows.py speaker_columns), one utterance per line, white space collapsed, NFC:
--   customer_text, agent_text   the speaker's lines ('' when they said nothing)
--   customer_spoke              the customer said anything at all
-- and the database keeps, whenever one of the texts changes (trigger call_search_columns):
--   transcript_tsv              the transcript's words (the 'simple' configuration), as before
--   customer_tsv, agent_tsv     each speaker's words, one JSON string per line: PostgreSQL leaves a position free
--                                between JSON strings, so a phrase (<->) never runs from one utterance into the next
--                                (https://www.postgresql.org/docs/15/textsearch-controls.html, to_tsvector on jsonb)
--   search_pairs                every two adjacent words of each vector, tagged 't ', 'c ' or 'a ' (transcript,
--                                customer, agent): a quoted phrase is answered by the GIN index alone (array
--                                containment), where a phrase on a tsvector makes PostgreSQL re-read every call that
--                                holds all its words (the index keeps no positions)
-- transcript_tsv was a generated column: PostgreSQL recomputes those on every update of a row (a status change
-- included); the trigger recomputes the vectors only when a text changes.
--
-- connected: the customer answered. The call completed or was stopped, the customer said something, and its analysis
-- (once there is one) does not say nobody engaged (voicemail, no_answer, incomplete). The SQLite store counts the same
-- (salesbot/storage/sqlite_search.py CONNECTED); the KPIs' average duration is over connected calls only.

alter table public.call_transcripts add column if not exists customer_text text not null default '';
alter table public.call_transcripts add column if not exists agent_text text not null default '';
alter table public.call_transcripts add column if not exists customer_spoke boolean not null default false;
alter table public.call_transcripts add column if not exists customer_tsv tsvector;
alter table public.call_transcripts add column if not exists agent_tsv tsvector;
alter table public.call_transcripts add column if not exists search_pairs text[];
alter table public.call_transcripts alter column transcript_tsv drop expression if exists;
alter table public.call_transcripts add column if not exists connected boolean generated always as (
  call_status in ('completed', 'stopped') and customer_spoke
  and coalesce(outcome, '') not in ('voicemail', 'no_answer', 'incomplete')
) stored;

-- A speaker's lines as a search vector, each line a JSON string of its own (see above).
create or replace function public.lines_tsvector(lines text)
returns tsvector
language sql immutable strict parallel safe set search_path = ''
as $$ select pg_catalog.to_tsvector('simple'::regconfig, pg_catalog.to_jsonb(pg_catalog.string_to_array(lines, E'\n'))) $$;

-- Every two words at adjacent positions of a vector, as 'tag first second' (a lexeme never holds a space).
create or replace function public.phrase_pairs(vector tsvector, tag text)
returns text[]
language sql immutable strict parallel safe set search_path = ''
as $$
  select coalesce(pg_catalog.array_agg(distinct tag || ' ' || w.lexeme || ' ' || w.next_lexeme), '{}')
  from (select s.lexeme, s.pos, pg_catalog.lead(s.lexeme) over (order by s.pos) as next_lexeme,
               pg_catalog.lead(s.pos) over (order by s.pos) as next_pos
        from (select u.lexeme, pg_catalog.unnest(u.positions) as pos from pg_catalog.unnest(vector) u) s) w
  where w.next_pos = w.pos + 1
$$;

create or replace function public.call_search_columns()
returns trigger
language plpgsql set search_path = ''
as $$
begin
  if tg_op = 'UPDATE' and new.customer_tsv is not null and new.transcript is not distinct from old.transcript
     and new.customer_text is not distinct from old.customer_text and new.agent_text is not distinct from old.agent_text
  then
    return new;  -- nothing searchable changed (a poll rewriting the same lines, a status change)
  end if;
  new.transcript_tsv := pg_catalog.to_tsvector('simple'::regconfig, new.transcript);
  new.customer_tsv := public.lines_tsvector(new.customer_text);
  new.agent_tsv := public.lines_tsvector(new.agent_text);
  new.search_pairs := public.phrase_pairs(new.transcript_tsv, 't') || public.phrase_pairs(new.customer_tsv, 'c')
                      || public.phrase_pairs(new.agent_tsv, 'a');
  return new;
end
$$;
drop trigger if exists call_search_columns on public.call_transcripts;
create trigger call_search_columns
  before insert or update of transcript, customer_text, agent_text on public.call_transcripts
  for each row execute function public.call_search_columns();

revoke all on function public.lines_tsvector(text) from public, anon, authenticated;
revoke all on function public.phrase_pairs(tsvector, text) from public, anon, authenticated;
revoke all on function public.call_search_columns() from public, anon, authenticated;
grant execute on function public.lines_tsvector(text), public.phrase_pairs(tsvector, text) to service_role;

-- Calls stored before this migration: their utterances split by speaker as the app does it (the trigger then fills
-- the vectors). A second run finds every call done.
update public.call_transcripts t
set customer_text = l.customer_text, agent_text = l.agent_text, customer_spoke = l.customer_text <> ''
from public.call_transcripts c
cross join lateral (
  select coalesce(string_agg(line, E'\n' order by n) filter (where speaker = 'customer'), '') as customer_text,
         coalesce(string_agg(line, E'\n' order by n) filter (where speaker = 'agent'), '') as agent_text
  from (
    select u.n, u.e->>'speaker' as speaker,
           normalize(btrim(regexp_replace(coalesce(u.e->>'text', ''), '\s+', ' ', 'g')), NFC) as line
    from jsonb_array_elements(case when jsonb_typeof(c.utterances) = 'array' then c.utterances else '[]'::jsonb end)
         with ordinality u(e, n)
  ) lines
  where line <> ''
) l
where c.id = t.id and t.customer_tsv is null;

create index if not exists call_transcripts_customer_fts on public.call_transcripts using gin (customer_tsv);
create index if not exists call_transcripts_agent_fts on public.call_transcripts using gin (agent_tsv);
create index if not exists call_transcripts_search_pairs on public.call_transcripts using gin (search_pairs);

-- The page's view gains the speakers' search vectors and the connected flag (new columns last).
create or replace view public.call_list with (security_invoker = true) as
select t.id, t.customer_id, t.phone_e164, t.call_status, t.provider, t.started_at, t.duration_seconds, t.transcript,
       t.created_at, t.country_code, t.outcome, t.sentiment, t.transcript_tsv, c.name as customer_name,
       t.objections, t.next_step_agreed, t.analysis, t.customer_tsv, t.agent_tsv, t.connected
from public.call_transcripts t
left join public.customers c on c.id = t.customer_id;
revoke all on public.call_list from public, anon, authenticated, service_role;
grant select on public.call_list to service_role;

-- A filter as SQL over call_transcripts t: only the conditions it sets, values quoted as literals (%L), so the
-- planner sees each condition and its value (the earlier call_stats wrote every condition as "unset or matches",
-- which no index serves). The search comes as terms ({"query": to_tsquery text, "phrase": the words or null}) read
-- in the vector said_by picks; a phrase of two words is answered by search_pairs alone, a longer one by search_pairs
-- and then its vector. p_search false leaves the search out (call_page's probe). An app from before this migration
-- sends the search as one "tsquery", still read.
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

-- A search is read through its GIN indexes, never by reading each call's vectors: a vector is kept out of line
-- (TOAST), and the planner, which does not count that read, would otherwise walk a time index or the whole table
-- reading one for every call it passes. Used by call_stats and call_page for the statements that search.
create or replace function public.use_search_indexes(p_on boolean)
returns void
language sql volatile set search_path = ''
as $$
  select pg_catalog.set_config('enable_seqscan', case when p_on then 'off' else 'on' end, true),
         pg_catalog.set_config('enable_indexscan', case when p_on then 'off' else 'on' end, true)
$$;
revoke all on function public.use_search_indexes(boolean) from public, anon, authenticated;
grant execute on function public.use_search_indexes(boolean) to service_role;

-- KPIs in one pass over the matching calls: per day and outcome, how many, how many connected, and the connected
-- calls' durations (their average is the KPI).
create or replace function public.call_stats(p_filter jsonb)
returns jsonb
language plpgsql volatile security invoker set search_path = public
as $$
declare
  result jsonb;
  searching boolean := jsonb_array_length(coalesce(p_filter->'terms', '[]')) > 0
                       or coalesce(p_filter->>'tsquery', '') <> '';
begin
  perform public.use_search_indexes(searching);
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
  perform public.use_search_indexes(false);
  return result;
end
$$;
revoke all on function public.call_stats(jsonb) from public, anon, authenticated;
grant execute on function public.call_stats(jsonb) to service_role;

-- One page of the calls a search finds, in the page's order (rpc/call_page; a page without a search reads call_list).
-- p_query: {"filter": call_filter_sql's filter, "sort": newest|oldest|longest|shortest, "limit": n, "offset": n,
-- "count": true for the number of matches, "after": the rows after a position (keyset paging: alternatives of
-- [column, lt|gt|eq|is_null, value] conditions, salesbot/storage/keyset.py), "keys": true for id, created_at and
-- duration_seconds only, "probe": false to go to the indexes at once}. Answers {"rows": [call_list rows (or keys), in
-- order], "total": n or null, "probed": whether the probe found the rows (a caller paging on may skip it if not)}.
-- First the calls at the top of the order that pass the other filters are searched, a few hundred at most (20 per
-- row wanted): a common search fills the page from them. If it does not, the search's indexes find every match.
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
                 l.next_step_agreed, l.analysis, k.n
          from unnest(found) with ordinality k(id, n)
          join public.call_list l on l.id = k.id) r;
  end if;
  return jsonb_build_object('rows', rows, 'total', total, 'probed', probed is not null and found is not null
                            and not answered_by_indexes);
end
$$;
revoke all on function public.call_page(jsonb) from public, anon, authenticated;
grant execute on function public.call_page(jsonb) to service_role;
