#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs the importer's fuzzer briefly on a copy of the example files: a
# crash, a leak or a broken round trip fails the test.
set -euo pipefail
fuzzer=$(realpath "$1")
seeds=$2
seconds=${3:-20}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/corpus"
find "$seeds" -name '*.xml' -size -1M -exec cp {} "$work/corpus/" \;
cd "$work"
"$fuzzer" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -timeout=20 \
  -print_final_stats=1 corpus
