-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 3: the funding plan of a dossier (actions x funders x
-- years, the realisation split, the totals the applicant printed) and its
-- Cerfa 12156 budget. A NULL declared total is "none printed"; amounts
-- are cents. Everything goes with its dossier.

-- One row per dossier that has a plan: the labels of the realisation
-- columns and the declared totals that are not per funder.
CREATE TABLE funding_plans (
  dossier_id  INTEGER PRIMARY KEY REFERENCES dossiers (id) ON DELETE CASCADE,
  realisation_own_label      TEXT NOT NULL,
  realisation_external_label TEXT NOT NULL,
  declared_own_cents         INTEGER,
  declared_external_cents    INTEGER,
  declared_overall_cents     INTEGER
) STRICT;

-- The columns of the plan, in order; declared_cents is the funder's
-- printed total.
CREATE TABLE plan_funders (
  dossier_id  INTEGER NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
  position    INTEGER NOT NULL CHECK (position >= 0),
  name        TEXT NOT NULL,
  kind        TEXT NOT NULL,
  declared_cents INTEGER,
  PRIMARY KEY (dossier_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE plan_years (
  dossier_id  INTEGER NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
  year        INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),
  PRIMARY KEY (dossier_id, year)
) STRICT, WITHOUT ROWID;

-- The rows of the plan, in order.
CREATE TABLE plan_actions (
  id          INTEGER PRIMARY KEY,
  dossier_id  INTEGER NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
  position    INTEGER NOT NULL CHECK (position >= 0),
  axis        TEXT NOT NULL DEFAULT '',
  number      TEXT NOT NULL DEFAULT '',
  title       TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  partners    TEXT NOT NULL DEFAULT '',
  realisation_own_cents      INTEGER NOT NULL DEFAULT 0,
  realisation_external_cents INTEGER NOT NULL DEFAULT 0,
  declared_total_cents       INTEGER,
  UNIQUE (dossier_id, position)
) STRICT;

-- The cells of the plan; a missing cell is 0.
CREATE TABLE plan_amounts (
  action_id   INTEGER NOT NULL REFERENCES plan_actions (id) ON DELETE CASCADE,
  funder_position INTEGER NOT NULL CHECK (funder_position >= 0),
  year        INTEGER NOT NULL,
  cents       INTEGER NOT NULL,
  PRIMARY KEY (action_id, funder_position, year)
) STRICT, WITHOUT ROWID;

-- The budget of the project, line by line in Cerfa order; actual_cents
-- is the financial report's amount (NULL until it is known).
CREATE TABLE budget_lines (
  dossier_id  INTEGER NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
  position    INTEGER NOT NULL CHECK (position >= 0),
  code        TEXT NOT NULL,
  label       TEXT NOT NULL,
  side        TEXT NOT NULL CHECK (side IN ('charge', 'product')),
  funder_kind TEXT,
  depth       INTEGER NOT NULL DEFAULT 0 CHECK (depth IN (0, 1)),
  forecast_cents INTEGER NOT NULL DEFAULT 0,
  actual_cents   INTEGER,
  PRIMARY KEY (dossier_id, position)
) STRICT, WITHOUT ROWID;

-- And indexes for large portfolios (100 000 dossiers and more).
-- The dossier list reads ids in an order and the count and sums of what
-- it shows: with every column it filters, sorts or adds up in one index,
-- SQLite answers from the index alone and never reads the long rows of
-- the dossiers (descriptions, notes). Measured on 100 000 dossiers: the
-- totals of the list in 20 ms instead of 260 ms, a status filter in 15 ms
-- instead of 280 ms (bench/ess-bench-list).
CREATE INDEX dossiers_list ON dossiers (deleted_at, reference, status, scheme_code, year, applicant_id,
                                        volet, requested_cents, proposed_cents, granted_cents);

-- An import looks its applicants up by SIRET, else RNA.
CREATE INDEX applicants_siret ON applicants (siret);
CREATE INDEX applicants_rna ON applicants (rna);
