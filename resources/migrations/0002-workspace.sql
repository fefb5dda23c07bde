-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 2: the dossier workspace: opinion, payments, assessment
-- scores, indicators, saved views, aid ceilings and the full-text search.

ALTER TABLE dossiers ADD COLUMN opinion TEXT NOT NULL DEFAULT ''
  CHECK (opinion IN ('', 'favorable', 'reserved', 'unfavorable'));
ALTER TABLE dossiers ADD COLUMN conditions TEXT NOT NULL DEFAULT '';

-- The list shows the live dossiers by reference; with 100 000 rows this
-- index gives them in order without sorting.
CREATE INDEX dossiers_live_reference ON dossiers (deleted_at, reference);

CREATE TABLE payments (
  id          INTEGER PRIMARY KEY,
  dossier_id  INTEGER NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
  kind        TEXT NOT NULL CHECK (kind IN ('advance', 'instalment', 'balance')),
  amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
  planned_on  TEXT,
  paid_on     TEXT,
  comment     TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX payments_dossier ON payments (dossier_id);

-- A row exists once a criterion has a score or a comment; a NULL score is
-- "not scored" with a comment.
CREATE TABLE scores (
  dossier_id  INTEGER NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
  criterion_id TEXT NOT NULL,
  score       INTEGER CHECK (score IS NULL OR score BETWEEN 0 AND 3),
  comment     TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (dossier_id, criterion_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE saved_views (
  name        TEXT PRIMARY KEY CHECK (name <> ''),
  query       TEXT NOT NULL
) STRICT;

CREATE TABLE aid_ceilings (
  kind        TEXT NOT NULL CHECK (kind IN ('general', 'sgei')),
  from_on     TEXT NOT NULL,
  amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
  years       INTEGER NOT NULL CHECK (years > 0),
  PRIMARY KEY (kind, from_on)
) STRICT;
-- The defaults of ess_aid_default_ceilings() (DOMAIN.md).
INSERT INTO aid_ceilings (kind, from_on, amount_cents, years) VALUES
  ('general', '1900-01-01', 20000000, 3),
  ('general', '2024-01-01', 30000000, 3),
  ('sgei', '1900-01-01', 50000000, 3),
  ('sgei', '2024-01-01', 75000000, 3);

CREATE TABLE indicators (
  id          INTEGER PRIMARY KEY,
  dossier_id  INTEGER NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
  label       TEXT NOT NULL DEFAULT '',
  target      TEXT NOT NULL DEFAULT '',
  result      TEXT NOT NULL DEFAULT '',
  unit        TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX indicators_dossier ON indicators (dossier_id);

-- Full-text search: one row per dossier, rowid = dossiers.id, kept in step
-- by the triggers below (a plain FTS5 table: the applicant's name comes
-- from another table, which an external-content table cannot follow).
-- Words are folded without accents, so "economie" finds "économie"; the
-- prefix indexes make 2- and 3-letter prefixes fast.
CREATE VIRTUAL TABLE dossier_search USING fts5 (
  reference, title, applicant, description, partners, notes,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3'
);

INSERT INTO dossier_search (rowid, reference, title, applicant, description, partners, notes)
  SELECT d.id, d.reference, d.title, coalesce (a.name, ''), d.description, d.partners, d.notes
  FROM dossiers d LEFT JOIN applicants a ON a.id = d.applicant_id;

CREATE TRIGGER dossiers_search_insert AFTER INSERT ON dossiers
BEGIN
  INSERT INTO dossier_search (rowid, reference, title, applicant, description, partners, notes)
  VALUES (new.id, new.reference, new.title,
          coalesce ((SELECT name FROM applicants WHERE id = new.applicant_id), ''),
          new.description, new.partners, new.notes);
END;

CREATE TRIGGER dossiers_search_update
AFTER UPDATE OF id, reference, title, applicant_id, description, partners, notes ON dossiers
BEGIN
  DELETE FROM dossier_search WHERE rowid = old.id;
  INSERT INTO dossier_search (rowid, reference, title, applicant, description, partners, notes)
  VALUES (new.id, new.reference, new.title,
          coalesce ((SELECT name FROM applicants WHERE id = new.applicant_id), ''),
          new.description, new.partners, new.notes);
END;

CREATE TRIGGER dossiers_search_delete AFTER DELETE ON dossiers
BEGIN
  DELETE FROM dossier_search WHERE rowid = old.id;
END;

CREATE TRIGGER applicants_search_name AFTER UPDATE OF name ON applicants
BEGIN
  UPDATE dossier_search SET applicant = new.name
  WHERE rowid IN (SELECT id FROM dossiers WHERE applicant_id = new.id);
END;
