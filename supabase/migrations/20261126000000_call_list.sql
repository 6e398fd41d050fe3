-- The Transcripts page's rows with their customer's name, so the name filter runs in the database. The app used to
-- fetch the ids of matching customers and send them back as an in-list; PostgREST caps every read at max-rows
-- (1,000 by default on Supabase) without saying so, and the table then disagreed with the KPIs.
-- security_invoker: the view reads the tables with the caller's rights, so their grants and row level security apply.
create or replace view public.call_list with (security_invoker = true) as
select t.id, t.customer_id, t.phone_e164, t.call_status, t.provider, t.started_at, t.duration_seconds, t.transcript,
       t.created_at, t.country_code, t.outcome, t.sentiment, t.transcript_tsv, c.name as customer_name
from public.call_transcripts t
-- left join: every call has its customer (a foreign key), and PostgreSQL can skip the join when a query (such as
-- the exact count) does not read the name.
left join public.customers c on c.id = t.customer_id;
revoke all on public.call_list from public, anon, authenticated, service_role;
grant select on public.call_list to service_role;

-- The KPIs take the same name filter as the view: customer_like is the ILIKE pattern the app sends to call_list
-- (customer_name, the old substring filter, still works for an app from before this migration).
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
                  where call_status = 'completed' and coalesce(outcome, '') not in ('voicemail', 'no_answer')),
    'average_seconds', (select avg(duration_seconds) from matching),
    'per_day', coalesce((select jsonb_agg(jsonb_build_array(day, outcome, n) order by day, outcome) from days), '[]'::jsonb)
  )
$$;
revoke all on function public.call_stats(jsonb) from public, anon, authenticated;
grant execute on function public.call_stats(jsonb) to service_role;
