-- Work done once, whoever watches: a lease says which app process looks up a live call at the provider, analyses a
-- finished call or catches up calls left running, until when. Every other process reads the stored result; a lease
-- whose holder died runs out and another process takes the work over.
-- claim_lease wins when nobody holds the name, when the lease ran out, or when the caller already holds it (renewal);
-- one conditional upsert, so two servers never both win. Times are the database's (now()), not the servers'.
-- Safe to run with `psql -f`.
create table if not exists public.work_leases (
    name text primary key,
    holder text not null,
    expires_at timestamptz not null
);
alter table public.work_leases enable row level security;
revoke all on public.work_leases from public, anon, authenticated;
grant select, insert, update, delete on public.work_leases to service_role;

create or replace function public.claim_lease(p_lease jsonb)
returns boolean
language plpgsql volatile security invoker set search_path = ''
as $$
declare
  claimed text;
begin
  insert into public.work_leases as l (name, holder, expires_at)
  values (p_lease->>'name', p_lease->>'holder',
          now() + make_interval(secs => (p_lease->>'seconds')::double precision))
  on conflict (name) do update set holder = excluded.holder, expires_at = excluded.expires_at
    where l.expires_at <= now() or l.holder = excluded.holder
  returning l.name into claimed;
  return claimed is not null;
end
$$;
revoke all on function public.claim_lease(jsonb) from public, anon, authenticated;
grant execute on function public.claim_lease(jsonb) to service_role;
