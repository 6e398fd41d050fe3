-- Hardening: nothing of salesbot's is reachable with the public anon key, not even through an extension.

-- Extensions out of the API's schema: PostgREST exposes the public schema, so pg_trgm's functions in public could be
-- called by anon and authenticated through /rest/v1/rpc. The extensions schema is not exposed (Supabase's advice,
-- lint 0014_extension_in_public: https://supabase.github.io/splinter/0014_extension_in_public).
create schema if not exists extensions;
do $$
begin
  if exists (select from pg_extension where extname = 'pg_trgm' and extnamespace = 'public'::regnamespace) then
    alter extension pg_trgm set schema extensions;
  end if;
end $$;

-- Supabase grants anon and authenticated usage on the extensions schema (other extensions need it), and a function is
-- executable by PUBLIC unless revoked: so pg_trgm's own functions are closed to them too. The trigram index keeps
-- working (an index calls its operator class's functions without a privilege check). Where the functions belong to
-- another role (Supabase's supabase_admin may own them), the revoke is skipped with a notice: the schema move above
-- is what keeps them off the API.
do $$
declare
  fn regprocedure;
begin
  for fn in
    select d.objid::regprocedure
    from pg_depend d join pg_extension e on e.oid = d.refobjid
    where e.extname = 'pg_trgm' and d.classid = 'pg_proc'::regclass and d.deptype = 'e'
  loop
    begin
      execute format('revoke all on function %s from public, anon, authenticated', fn);
    exception when insufficient_privilege then
      raise notice 'salesbot: cannot revoke % from anon and authenticated (not its owner)', fn;
    end;
  end loop;
end $$;

-- The identity sequences behind the ids: Supabase's default privileges grant anon and authenticated every right on a
-- new sequence in public (nextval would burn ids, select would tell how many rows were ever written). The app's key
-- (service_role) keeps its rights; an insert needs none on an identity column's sequence anyway.
do $$
declare
  seq text;
begin
  foreach seq in array array[
    pg_get_serial_sequence('public.customers', 'id'),
    pg_get_serial_sequence('public.sales_scripts', 'id'),
    pg_get_serial_sequence('public.call_transcripts', 'id')
  ] loop
    execute format('revoke all on sequence %s from public, anon, authenticated', seq);
  end loop;
end $$;
