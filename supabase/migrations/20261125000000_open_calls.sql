-- Calls to one number since a time (refusing a second real call while one is still open): the number, then
-- newest first, so the lookup reads only that number's recent calls however many calls are stored.
create index if not exists call_transcripts_phone_created on public.call_transcripts (phone_e164, created_at desc);
