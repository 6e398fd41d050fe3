"""Search over calls: what a search means (terms) and where it is found in what was said (matches).

The SQL each store runs for it stays with the store (storage/sqlite_search.py, storage/supabase_search.py)."""
