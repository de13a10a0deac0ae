-- As the SQLite store's V003__seals.sql: the seal chain and the parts of each load's digest.
CREATE TABLE seals (
  seq    bigint PRIMARY KEY,
  kind   text COLLATE "C" NOT NULL CHECK (kind IN ('load', 'event')),
  ref    bigint NOT NULL,
  digest text COLLATE "C" NOT NULL,
  link   text COLLATE "C" NOT NULL,
  UNIQUE (kind, ref)
);

CREATE TABLE seal_parts (
  load   integer NOT NULL,
  part   text COLLATE "C" NOT NULL,
  rows   bigint NOT NULL,
  digest text COLLATE "C" NOT NULL,
  PRIMARY KEY (load, part)
);
