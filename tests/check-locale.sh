#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The program speaks French by default (C locale, locales without a
# translation, locales that are not installed) and English when an English
# locale or LANGUAGE=en asks for it; accents are never lost to an ASCII locale.
# Usage: check-locale.sh PROGRAM
set -euo pipefail
exe=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unset LANGUAGE LC_ALL LC_MESSAGES LANG
export XDG_DATA_HOME=$tmp
status=0

# check DESCRIPTION EXPECTED [VAR=VALUE...] -- ARGS...
check() {
  local what=$1 expected=$2; shift 2
  local vars=()
  while [ "$1" != "--" ]; do vars+=("$1"); shift; done
  shift
  local out
  out=$(env "${vars[@]}" "$exe" "$@" 2>&1) || true
  if printf '%s\n' "$out" | grep -qF -- "$expected"; then
    echo "ok: $what"
  else
    echo "not ok: $what: expected “$expected” in:"; printf '%s\n' "$out" | head -5
    status=1
  fi
}

fr="Lister les dossiers (texte ou CSV)"
en="List the dossiers (text or CSV)"
check "French locale" "$fr" LC_ALL=fr_FR.UTF-8 -- --help
check "C locale gets French" "$fr" LC_ALL=C -- --help
check "C.UTF-8 locale gets French" "$fr" LC_ALL=C.UTF-8 -- --help
check "no locale set gets French" "$fr" -- --help
check "POSIX LANG gets French" "$fr" LANG=POSIX -- --help
check "German locale gets French" "$fr" LANG=de_DE.UTF-8 -- --help
check "LANGUAGE=fr over an English locale" "$fr" LC_ALL=en_US.UTF-8 LANGUAGE=fr -- --help
check "English locale" "$en" LC_ALL=en_US.UTF-8 -- --help
check "English LANG" "$en" LANG=en_GB.UTF-8 -- --help
check "LANGUAGE=en over C" "$en" LC_ALL=C.UTF-8 LANGUAGE=en -- --help
check "English messages, French LANG" "$en" LANG=fr_FR.UTF-8 LC_MESSAGES=en_US.UTF-8 -- --help
check "French messages, English LANG" "$fr" LANG=en_US.UTF-8 LC_MESSAGES=fr_FR.UTF-8 -- --help
# "Accordé" keeps its accent even when the terminal's locale is plain C.
check "dossier list in English" "Granted" LC_ALL=en_US.UTF-8 -- list
check "dossier list in French" "Accordé" LC_ALL=fr_FR.UTF-8 -- list
check "dossier list in the C locale" "Accordé" LC_ALL=C -- list
check "dossier list without a locale" "Accordé" -- list
exit $status
