-- What the analysis says about objections and the next step, kept beside the analysis JSON (as outcome and sentiment
-- are) so the Transcripts page can filter on them in the database. The app writes both with every analysis.
--   objections        the objection kinds the customer raised, in the app's order (price, timing, competitor,
--                      authority, no_need); null until the call is analysed
--   next_step_agreed   whether a next step was agreed on the call; null until the call is analysed
alter table public.call_transcripts add column if not exists objections text[];
alter table public.call_transcripts add column if not exists next_step_agreed boolean;

-- Calls analysed before this migration, read as the app reads them: analyses of the first release have no
-- objections and a string next_step (a recommendation, not an agreed step), so theirs are {} and false.
update public.call_transcripts t
set objections = array(
      select kinds.kind
      from (select distinct e->>'kind' as kind
            from jsonb_array_elements(case when jsonb_typeof(t.analysis->'objections') = 'array'
                                           then t.analysis->'objections' else '[]'::jsonb end) e
            where e->>'kind' is not null) kinds
      order by coalesce(array_position(array['price', 'timing', 'competitor', 'authority', 'no_need'], kinds.kind), 99),
               kinds.kind),
    next_step_agreed = coalesce(jsonb_typeof(t.analysis->'next_step') = 'object', false)
where jsonb_typeof(t.analysis) = 'object' and t.objections is null;

-- "Any of these objections" is an array overlap (&&), which a GIN index answers.
create index if not exists call_transcripts_objections on public.call_transcripts using gin (objections);

-- The page's view gains the new columns and the analysis (the export and the table read it); new columns go last,
-- as create or replace view requires.
create or replace view public.call_list with (security_invoker = true) as
select t.id, t.customer_id, t.phone_e164, t.call_status, t.provider, t.started_at, t.duration_seconds, t.transcript,
       t.created_at, t.country_code, t.outcome, t.sentiment, t.transcript_tsv, c.name as customer_name,
       t.objections, t.next_step_agreed, t.analysis
from public.call_transcripts t
left join public.customers c on c.id = t.customer_id;
revoke all on public.call_list from public, anon, authenticated, service_role;
grant select on public.call_list to service_role;

-- The KPIs take the new filters as call_list does (objections: any of these kinds; next_step_agreed: true, false or
-- null for either), and "connected" leaves out every outcome where nobody engaged: voicemail, no_answer and
-- incomplete (Outcome.connected in salesbot/call_analysis.py).
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
      and (coalesce(jsonb_array_length(p_filter->'objections'), 0) = 0
           or t.objections && array(select jsonb_array_elements_text(p_filter->'objections')))
      and (p_filter->>'next_step_agreed' is null
           or t.next_step_agreed = (p_filter->>'next_step_agreed')::boolean)
      and (coalesce(p_filter->>'country_code', '') = '' or t.country_code = p_filter->>'country_code')
      and (p_filter->>'customer_id' is null or t.customer_id = (p_filter->>'customer_id')::bigint)
      and (coalesce(p_filter->>'customer_like', '') = ''
           or t.customer_id in (select c.id from public.customers c where c.name ilike (p_filter->>'customer_like')))
      and (coalesce(p_filter->>'customer_like', '') <> '' or coalesce(p_filter->>'customer_name', '') = ''
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
                  where call_status = 'completed'
                    and coalesce(outcome, '') not in ('voicemail', 'no_answer', 'incomplete')),
    'average_seconds', (select avg(duration_seconds) from matching),
    'per_day', coalesce((select jsonb_agg(jsonb_build_array(day, outcome, n) order by day, outcome) from days), '[]'::jsonb)
  )
$$;
revoke all on function public.call_stats(jsonb) from public, anon, authenticated;
grant execute on function public.call_stats(jsonb) to service_role;
