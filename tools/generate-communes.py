#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Generate data/communes.csv, the 95 communes of the Métropole Européenne de Lille, from the npm package @etalab/decoupage-administratif."""

import argparse
import csv
import json
import os
import sys

MEL_EPCI_CODE = "200093201"  # Métropole Européenne de Lille


def load_json(package_dir, name):
    path = os.path.join(package_dir, "data", name)
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def mel_communes(package_dir):
    """Return [(insee, name, siren, population)] sorted by INSEE code."""
    epcis = load_json(package_dir, "epci.json")
    matches = [e for e in epcis if e.get("code") == MEL_EPCI_CODE]
    if len(matches) != 1:
        raise SystemExit(f"EPCI {MEL_EPCI_CODE} not found exactly once in epci.json")
    member_codes = {m["code"] for m in matches[0]["membres"]}

    communes = {
        c["code"]: c
        for c in load_json(package_dir, "communes.json")
        if c.get("type") == "commune-actuelle" and c.get("code") in member_codes
    }
    missing = sorted(member_codes - communes.keys())
    if missing:
        raise SystemExit("members missing from communes.json: " + ", ".join(missing))

    rows = []
    for code in sorted(communes):
        c = communes[code]
        rows.append((c["code"], c["nom"], c["siren"], c["population"]))
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("package_dir",
                        help="unpacked @etalab/decoupage-administratif package "
                             "(folder containing data/epci.json and data/communes.json)")
    parser.add_argument("-o", "--output", help="output CSV path (default: stdout)")
    args = parser.parse_args(argv)

    rows = mel_communes(args.package_dir)

    out = (open(args.output, "w", encoding="utf-8", newline="")
           if args.output else sys.stdout)
    try:
        writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(("insee", "name", "siren", "population"))
        writer.writerows(rows)
    finally:
        if out is not sys.stdout:
            out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
