-- An API call remembers the fields it was asked with (JSON), so the same Idempotency-Key sent again with another
-- consent, persona, script or any other field is refused (422, naming them) instead of silently returning the first
-- call. '' for calls placed from the pages. create_call_once (20261208120000) is redefined to store it.
-- Safe to run with `psql -f` (no statement here needs an explicit transaction).
alter table public.call_transcripts add column if not exists request_fields text not null default '';

create or replace function public.create_call_once(p_call jsonb)
returns jsonb
language plpgsql volatile security invoker set search_path = ''
as $$
declare
  found public.call_transcripts;
begin
  -- Serialise attempts on one number (and only on that number) until this transaction ends.
  perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended('salesbot.call:' || (p_call->>'phone_e164'), 0));
  select * into found from public.call_transcripts t where t.attempt_key = p_call->>'attempt_key';
  if found.id is not null then
    return jsonb_build_object('call', to_jsonb(found) - 'transcript_tsv', 'created', false);
  end if;
  if p_call->>'busy_since' is not null then
    select * into found from public.call_transcripts t
    where t.phone_e164 = p_call->>'phone_e164'
      and t.created_at >= (p_call->>'busy_since')::timestamptz
      and t.call_status in (select jsonb_array_elements_text(p_call->'open_statuses'))
    order by t.created_at desc, t.id desc
    limit 1;
    if found.id is not null then
      return jsonb_build_object('call', to_jsonb(found) - 'transcript_tsv', 'created', false);
    end if;
  end if;
  insert into public.call_transcripts
    (customer_id, script_id, call_status, phone_e164, provider, attempt_key, country_code, created_by, created_at,
     request_fields)
  values ((p_call->>'customer_id')::bigint, (p_call->>'script_id')::bigint, p_call->>'call_status',
          p_call->>'phone_e164', p_call->>'provider', p_call->>'attempt_key', p_call->>'country_code',
          coalesce(p_call->>'created_by', ''), coalesce((p_call->>'created_at')::timestamptz, now()),
          coalesce(p_call->>'request_fields', ''))
  returning * into found;
  return jsonb_build_object('call', to_jsonb(found) - 'transcript_tsv', 'created', true);
end
$$;
revoke all on function public.create_call_once(jsonb) from public, anon, authenticated;
grant execute on function public.create_call_once(jsonb) to service_role;
