-- As the SQLite store's V006__load_site.sql: a load records the site whose records it replaced (ingest --site), or
-- NULL for an upload of the whole trial.
ALTER TABLE loads ADD COLUMN site text COLLATE "C";
