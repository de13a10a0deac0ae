-- The blinding key of the store (which label hides the OD arm) and the store's history of events such as
-- creating that key and unblinding. Loads keep their own history in the loads table.
CREATE TABLE blinding (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  od_label TEXT NOT NULL CHECK (od_label IN ('Arm A', 'Arm B'))
);

CREATE TABLE history (
  seq INTEGER PRIMARY KEY,
  event TEXT NOT NULL,
  at TEXT NOT NULL,
  os_user TEXT NOT NULL,
  detail TEXT NOT NULL
);
