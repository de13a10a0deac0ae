-- Site-scoped uploads (odtrial ingest --site): a load records the site whose records it replaced, or NULL for an
-- upload of the whole trial. Never edit this file once released: a schema change is a new migration file.
ALTER TABLE loads ADD COLUMN site TEXT;
