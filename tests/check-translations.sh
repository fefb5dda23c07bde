#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Fails when a source file with translatable strings is missing from
# po/POTFILES.in, or when po/fr.po lacks a translation of a source string.
set -euo pipefail
src=$1
build=$(mktemp -d)
trap 'rm -rf "$build"' EXIT
cd "$src"

status=0
listed=$(grep -v '^#' po/POTFILES.in | sed '/^$/d' | sort)
wanted=$( { grep -lE '\b(N?C?_|g_dpgettext2|ngettext) ?\(' src -r --include='*.c';
            grep -l 'translatable="yes"' ui/*.ui 2>/dev/null;
            ls data/*.gschema.xml data/*.desktop.in data/*.metainfo.xml.in; } | sort -u)
missing=$(comm -13 <(echo "$listed") <(echo "$wanted"))
if [ -n "$missing" ]; then
  echo "Not in po/POTFILES.in:"; echo "$missing"; status=1
fi

xgettext --from-code=UTF-8 --add-comments --keyword=_ --keyword=N_ --keyword=C_:1c,2 \
  --keyword=NC_:1c,2 --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 \
  --keyword=g_dpgettext2:2c,3 --flag=g_strdup_printf:1:c-format \
  -f po/POTFILES.in -o "$build/ess.pot" 2>/dev/null
sed -i 's/charset=CHARSET/charset=UTF-8/' "$build/ess.pot"
msgmerge -q --no-fuzzy-matching po/fr.po "$build/ess.pot" -o "$build/fr.po"
untranslated=$(msgattrib --untranslated --no-obsolete "$build/fr.po" | grep -c '^msgid ' || true)
fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$build/fr.po" | grep -c '^msgid ' || true)
# The header entry is always listed by msgattrib --untranslated when others are.
if [ "$untranslated" -gt 0 ] || [ "$fuzzy" -gt 0 ]; then
  echo "po/fr.po is incomplete:"
  msgattrib --untranslated --no-obsolete "$build/fr.po" | grep '^msgid ' | grep -v '^msgid ""$' || true
  msgattrib --only-fuzzy --no-obsolete "$build/fr.po" | grep '^msgid ' || true
  status=1
fi
msgfmt --check -o /dev/null po/fr.po || status=1
exit $status
