#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Validates every ui/*.ui with gtk4-builder-tool. A file that does not
# validate fails at once. gtk4-builder-tool 4.8 itself crashes now and
# then on a loaded machine (SIGSEGV, whatever the file): a run killed by a
# signal is tried again, up to 3 times, and said so.
set -uo pipefail
src=$1
status=0
for ui in "$src"/ui/*.ui; do
  for attempt in 1 2 3; do
    out=$(gtk4-builder-tool validate "$ui" 2>&1)
    rc=$?
    [ $rc -lt 128 ] && break
    echo "# gtk4-builder-tool crashed (signal $((rc - 128))) on $(basename "$ui"), attempt $attempt"
  done
  if [ $rc -ne 0 ]; then
    echo "not valid: $(basename "$ui")"; echo "$out"; status=1
  else
    echo "valid: $(basename "$ui")"
  fi
done
exit $status
