-- SPDX-License-Identifier: GPL-3.0-or-later
-- Indexes for large portfolios (100 000 dossiers and more).
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
