-- As the SQLite store's V002__history.sql: the blinding key and the history of events. odtrial numbers
-- history rows itself (max + 1, under the store's write lock), as on SQLite, so there are no gaps.
CREATE TABLE blinding (
  id integer PRIMARY KEY CHECK (id = 1),
  od_label text COLLATE "C" NOT NULL CHECK (od_label IN ('Arm A', 'Arm B'))
);

CREATE TABLE history (
  seq bigint PRIMARY KEY,
  event text COLLATE "C" NOT NULL,
  at text COLLATE "C" NOT NULL,
  os_user text COLLATE "C" NOT NULL,
  detail text COLLATE "C" NOT NULL
);
