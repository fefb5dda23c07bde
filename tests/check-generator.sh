#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The benchmarks' portfolios: the same seed gives the same file, the file
# validates against the schema and imports whole, the database written
# directly holds every dossier, every status, and plans up to 60 actions.
set -euo pipefail
gen=$1; ess=$2; xsd=$3
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT

"$gen" --dossiers 300 --seed 7 --xml "$dir/a.xml" 2>/dev/null
"$gen" --dossiers 300 --seed 7 --xml "$dir/b.xml" 2>/dev/null
cmp "$dir/a.xml" "$dir/b.xml" || { echo "same seed, different files"; exit 1; }
"$gen" --dossiers 300 --seed 8 --xml "$dir/c.xml" 2>/dev/null
! cmp -s "$dir/a.xml" "$dir/c.xml" || { echo "another seed gives the same file"; exit 1; }
xmllint --noout --schema "$xsd" "$dir/a.xml"

"$ess" --database "$dir/imported.db" import "$dir/a.xml" >/dev/null
n=$(sqlite3 "$dir/imported.db" "SELECT count(*) FROM dossiers")
[ "$n" = 300 ] || { echo "imported $n dossiers, 300 expected"; exit 1; }

"$gen" --dossiers 3000 --seed 7 --database "$dir/direct.db" 2>/dev/null
n=$(sqlite3 "$dir/direct.db" "SELECT count(*) FROM dossiers")
[ "$n" = 3000 ] || { echo "$n dossiers written, 3000 expected"; exit 1; }
statuses=$(sqlite3 "$dir/direct.db" "SELECT count(DISTINCT status) FROM dossiers")
[ "$statuses" = 11 ] || { echo "$statuses statuses, 11 expected"; exit 1; }
communes=$(sqlite3 "$dir/direct.db" "SELECT count(DISTINCT insee) FROM dossier_communes")
[ "$communes" -ge 90 ] || { echo "only $communes communes concerned"; exit 1; }
largest=$(sqlite3 "$dir/direct.db" "SELECT max(n) FROM (SELECT count(*) AS n FROM plan_actions GROUP BY dossier_id)")
[ "$largest" -gt 40 ] && [ "$largest" -le 60 ] || { echo "largest plan: $largest actions"; exit 1; }
accents=$(sqlite3 "$dir/direct.db" "SELECT count(*) FROM dossiers WHERE description LIKE '%é%'")
[ "$accents" -gt 0 ] || { echo "no accent in the texts"; exit 1; }
# Every row of every plan balances, as the generator promises.
unbalanced=$(sqlite3 "$dir/direct.db" "SELECT count(*) FROM plan_actions pa WHERE realisation_own_cents + realisation_external_cents <> (SELECT coalesce(sum(cents), 0) FROM plan_amounts WHERE action_id = pa.id)")
[ "$unbalanced" = 0 ] || { echo "$unbalanced unbalanced rows"; exit 1; }
echo "ok"
