-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 1: reference data, applicants, dossiers and their history.

CREATE TABLE territories (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE
) STRICT;

CREATE TABLE communes (
  insee       TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  siren       TEXT NOT NULL,
  population  INTEGER NOT NULL CHECK (population >= 0),
  territory_id INTEGER REFERENCES territories (id) ON DELETE SET NULL
) STRICT;
CREATE INDEX communes_territory ON communes (territory_id);

CREATE TABLE legal_forms (
  code        TEXT PRIMARY KEY,
  label       TEXT NOT NULL,
  position    INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE funders (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  kind        TEXT NOT NULL,
  position    INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE schemes (
  code        TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  max_rate_bp INTEGER CHECK (max_rate_bp IS NULL OR max_rate_bp BETWEEN 0 AND 10000),
  position    INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE scheme_volets (
  scheme_code TEXT NOT NULL REFERENCES schemes (code) ON UPDATE CASCADE ON DELETE CASCADE,
  number      INTEGER NOT NULL CHECK (number > 0),
  label       TEXT NOT NULL,
  PRIMARY KEY (scheme_code, number)
) STRICT;

CREATE TABLE envelopes (
  scheme_code TEXT NOT NULL REFERENCES schemes (code) ON UPDATE CASCADE ON DELETE CASCADE,
  year        INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),
  amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
  PRIMARY KEY (scheme_code, year)
) STRICT;

CREATE TABLE applicants (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  legal_form  TEXT REFERENCES legal_forms (code) ON UPDATE CASCADE,
  siren       TEXT,
  siret       TEXT,
  rna         TEXT,
  address     TEXT NOT NULL DEFAULT '',
  commune_insee TEXT REFERENCES communes (insee) ON UPDATE CASCADE,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
CREATE INDEX applicants_name ON applicants (name);

CREATE TABLE contacts (
  id          INTEGER PRIMARY KEY,
  applicant_id INTEGER NOT NULL REFERENCES applicants (id) ON DELETE CASCADE,
  name        TEXT NOT NULL DEFAULT '',
  role        TEXT NOT NULL DEFAULT '',
  email       TEXT NOT NULL DEFAULT '',
  phone       TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX contacts_applicant ON contacts (applicant_id);

CREATE TABLE dossiers (
  id          INTEGER PRIMARY KEY,
  reference   TEXT NOT NULL UNIQUE,
  title       TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  scheme_code TEXT NOT NULL REFERENCES schemes (code) ON UPDATE CASCADE,
  volet       INTEGER,
  axis        TEXT NOT NULL DEFAULT '',
  year        INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),
  status      TEXT NOT NULL DEFAULT 'submitted',
  applicant_id INTEGER REFERENCES applicants (id) ON DELETE RESTRICT,
  requested_cents INTEGER NOT NULL DEFAULT 0 CHECK (requested_cents >= 0),
  proposed_cents  INTEGER NOT NULL DEFAULT 0 CHECK (proposed_cents >= 0),
  granted_cents   INTEGER NOT NULL DEFAULT 0 CHECK (granted_cents >= 0),
  submitted_on TEXT,
  committee_on TEXT,
  decided_on   TEXT,
  agreement_on TEXT,
  start_on     TEXT,
  end_on       TEXT,
  partners    TEXT NOT NULL DEFAULT '',
  notes       TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  deleted_at  TEXT
) STRICT;
CREATE INDEX dossiers_scheme_year ON dossiers (scheme_code, year);
CREATE INDEX dossiers_status ON dossiers (status);
CREATE INDEX dossiers_applicant ON dossiers (applicant_id);

CREATE TABLE dossier_communes (
  dossier_id  INTEGER NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
  insee       TEXT NOT NULL REFERENCES communes (insee) ON UPDATE CASCADE,
  PRIMARY KEY (dossier_id, insee)
) STRICT, WITHOUT ROWID;
CREATE INDEX dossier_communes_insee ON dossier_communes (insee);

CREATE TABLE history (
  id          INTEGER PRIMARY KEY,
  dossier_id  INTEGER REFERENCES dossiers (id) ON DELETE SET NULL,
  at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  author      TEXT NOT NULL DEFAULT '',
  action      TEXT NOT NULL,
  field       TEXT,
  old_value   TEXT,
  new_value   TEXT,
  comment     TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX history_dossier ON history (dossier_id, at);
