#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the build into a temporary DESTDIR, checks that everything a
# distribution ships is there, then runs the installed program's command line.
# Usage: check-install.sh BUILDDIR PREFIX BINDIR DATADIR LOCALEDIR VERSION
set -euo pipefail
build=$1 prefix=$2 bindir=$3 datadir=$4 localedir=$5 version=$6
app_id=io.github.essinstruction.EssInstruction
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
fail() { echo "not ok: $*"; status=1; }

meson install -C "$build" --no-rebuild --quiet --destdir "$tmp/root" >"$tmp/install.log" 2>&1 ||
  { cat "$tmp/install.log"; echo "meson install failed"; exit 1; }
root=$tmp/root$prefix
case $bindir in /*) bin=$tmp/root$bindir;; *) bin=$root/$bindir;; esac
case $datadir in /*) data=$tmp/root$datadir;; *) data=$root/$datadir;; esac
case $localedir in /*) locale=$tmp/root$localedir;; *) locale=$root/$localedir;; esac

for f in \
  "$data/applications/$app_id.desktop" \
  "$data/metainfo/$app_id.metainfo.xml" \
  "$data/glib-2.0/schemas/$app_id.gschema.xml" \
  "$data/icons/hicolor/scalable/apps/$app_id.svg" \
  "$data/icons/hicolor/symbolic/apps/$app_id-symbolic.svg" \
  "$locale/fr/LC_MESSAGES/ess-instruction.mo" \
  "$data/ess-instruction/communes.csv" \
  "$data/ess-instruction/territories.csv" \
  "$data/ess-instruction/reference.ini" \
  "$data/doc/ess-instruction/guide-utilisateur.md"; do
  [ -s "$f" ] || fail "${f#"$tmp/root"} is not installed"
done
[ -x "$bin/ess-instruction" ] || { fail "the program is not installed in $bindir"; exit 1; }

# The menu entry starts the installed program, with its icon, in French too.
desktop=$data/applications/$app_id.desktop
grep -qx 'Exec=ess-instruction' "$desktop" || fail "the desktop file does not start ess-instruction"
grep -qx "Icon=$app_id" "$desktop" || fail "the desktop file does not name the installed icon"
grep -q '^Comment\[fr\]=Instruire les dossiers' "$desktop" || fail "the desktop file has no French comment"
grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" "$data/metainfo/$app_id.metainfo.xml" ||
  fail "the metainfo does not launch the desktop file"
grep -q '<p xml:lang="fr">' "$data/metainfo/$app_id.metainfo.xml" || fail "the metainfo has no French description"
glib-compile-schemas --strict --dry-run "$data/glib-2.0/schemas" || fail "the installed schema does not compile"
desktop-file-validate "$desktop" || fail "the installed desktop file is not valid"
appstreamcli validate --no-net "$data/metainfo/$app_id.metainfo.xml" >/dev/null || fail "the installed metainfo is not valid"

# The installed program runs, on a fresh data folder, with the installed translations.
out=$("$bin/ess-instruction" --version) || fail "--version failed"
[ "$out" = "ess-instruction $version" ] || fail "--version printed '$out'"

export XDG_DATA_HOME=$tmp/data ESS_LOCALEDIR=$locale LC_ALL=fr_FR.UTF-8 LANGUAGE=fr
unset GSETTINGS_SCHEMA_DIR
csv=$("$bin/ess-instruction" list --format=csv) || fail "list --format=csv failed"
[ "$(printf '%s\n' "$csv" | head -1)" = "reference,title,applicant,scheme,volet,year,status,requested,proposed,granted,territories" ] ||
  fail "unexpected CSV header"
[ "$(printf '%s\n' "$csv" | grep -c '^APT-')" = 4 ] || fail "the CSV does not list the 4 demo dossiers"
text=$("$bin/ess-instruction" list) || fail "list failed"
printf '%s\n' "$text" | grep -q 'Accordé' || fail "the installed translations are not used"
db=$XDG_DATA_HOME/ess-instruction/instruction-ess.db
[ -f "$db" ] || fail "the default database was not created in XDG_DATA_HOME"
[ "$(stat -c %a "$db")" = 600 ] || fail "the database is not private (mode $(stat -c %a "$db"))"

[ $status = 0 ] && echo "ok: installed into $prefix and ran"
exit $status
