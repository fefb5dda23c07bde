-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 4: scenarios of the territorial policy (continue, reorient
-- or stop the APT) with their budget lines, yearly assumptions, expected
-- reach and the treatment of the ongoing APT dossiers. Money in cents,
-- staff time in hundredths of a day, staff in hundredths of an ETP.
-- A scenario is written whole, in one transaction, by the store.

CREATE TABLE scenarios (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE CHECK (name <> ''),
  kind        TEXT NOT NULL CHECK (kind IN ('continue', 'reorient', 'stop', 'free')),
  first_year  INTEGER NOT NULL CHECK (first_year BETWEEN 1900 AND 2200),
  last_year   INTEGER NOT NULL CHECK (last_year BETWEEN 1900 AND 2200),
  description TEXT NOT NULL DEFAULT '',
  arguments_for TEXT NOT NULL DEFAULT '',
  arguments_against TEXT NOT NULL DEFAULT '',
  portfolio_default TEXT NOT NULL CHECK (portfolio_default IN ('continue', 'transfer', 'end')),
  reach_hypothesis TEXT NOT NULL DEFAULT '',
  position    INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  CHECK (last_year >= first_year AND last_year - first_year < 30)
) STRICT;

-- The budget lines of a scenario, in their order.
CREATE TABLE scenario_lines (
  scenario_id INTEGER NOT NULL REFERENCES scenarios (id) ON DELETE CASCADE,
  position    INTEGER NOT NULL CHECK (position >= 0),
  label       TEXT NOT NULL CHECK (label <> ''),
  nature      TEXT NOT NULL CHECK (nature IN ('projects', 'engineering')),
  hypothesis  TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (scenario_id, position),
  UNIQUE (scenario_id, label)
) STRICT, WITHOUT ROWID;

CREATE TABLE scenario_line_amounts (
  scenario_id INTEGER NOT NULL,
  position    INTEGER NOT NULL,
  year        INTEGER NOT NULL,
  metropole_cents INTEGER NOT NULL CHECK (metropole_cents >= 0),
  cofunders_cents INTEGER NOT NULL CHECK (cofunders_cents >= 0),
  PRIMARY KEY (scenario_id, position, year),
  FOREIGN KEY (scenario_id, position) REFERENCES scenario_lines (scenario_id, position) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

-- One value per assumption and year; key is an id of ess_assumption_info().
CREATE TABLE scenario_assumptions (
  scenario_id INTEGER NOT NULL REFERENCES scenarios (id) ON DELETE CASCADE,
  year        INTEGER NOT NULL,
  key         TEXT NOT NULL,
  value       INTEGER NOT NULL CHECK (value >= 0),
  PRIMARY KEY (scenario_id, year, key)
) STRICT, WITHOUT ROWID;

-- Why an assumption has its value ("Hypothèse : ...").
CREATE TABLE scenario_hypotheses (
  scenario_id INTEGER NOT NULL REFERENCES scenarios (id) ON DELETE CASCADE,
  key         TEXT NOT NULL,
  text        TEXT NOT NULL,
  PRIMARY KEY (scenario_id, key)
) STRICT, WITHOUT ROWID;

CREATE TABLE scenario_reach (
  scenario_id INTEGER NOT NULL REFERENCES scenarios (id) ON DELETE CASCADE,
  year        INTEGER NOT NULL,
  class       TEXT NOT NULL CHECK (class IN ('large-cities', '5000-and-more', 'under-5000')),
  projects    INTEGER NOT NULL CHECK (projects >= 0),
  amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
  communes    INTEGER NOT NULL CHECK (communes >= 0),
  PRIMARY KEY (scenario_id, year, class)
) STRICT, WITHOUT ROWID;

CREATE TABLE scenario_territory_reach (
  scenario_id INTEGER NOT NULL REFERENCES scenarios (id) ON DELETE CASCADE,
  year        INTEGER NOT NULL,
  territory_id INTEGER NOT NULL REFERENCES territories (id) ON DELETE CASCADE,
  projects    INTEGER NOT NULL CHECK (projects >= 0),
  amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
  PRIMARY KEY (scenario_id, year, territory_id)
) STRICT, WITHOUT ROWID;

-- A dossier whose treatment differs from its scenario's default.
CREATE TABLE scenario_portfolio (
  scenario_id INTEGER NOT NULL REFERENCES scenarios (id) ON DELETE CASCADE,
  dossier_id  INTEGER NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
  treatment   TEXT NOT NULL CHECK (treatment IN ('continue', 'transfer', 'end')),
  PRIMARY KEY (scenario_id, dossier_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX scenario_portfolio_dossier ON scenario_portfolio (dossier_id);

-- Changes to scenarios are traced in the history like those of dossiers.
ALTER TABLE history ADD COLUMN scenario_id INTEGER REFERENCES scenarios (id) ON DELETE SET NULL;
CREATE INDEX history_scenario ON history (scenario_id, at);
