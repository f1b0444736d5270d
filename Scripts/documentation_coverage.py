#!/usr/bin/env python3
"""Documentation coverage of DocC archives: the share of public symbols with a summary.

    python3 Scripts/documentation_coverage.py MINIMUM_PERCENT ARCHIVE.doccarchive…

Reads the `documentation-coverage.json` that `swift package generate-documentation
--experimental-documentation-coverage` writes into each archive, counts the symbols (not the
articles or the generated "… Implementations" groups) and those with an abstract, prints the
figure per module and the symbols still undocumented, and fails when a module is below the
minimum.
"""
import json
import pathlib
import sys


def main():
    minimum = float(sys.argv[1])
    failed = False
    for archive in sys.argv[2:]:
        entries = json.loads((pathlib.Path(archive) / "documentation-coverage.json").read_text())
        symbols = [e for e in entries if e["kind"]["isSymbol"] and e["kind"]["id"] != "org.swift.docc.kind.module"]
        documented = [e for e in symbols if e["hasAbstract"]]
        share = 100.0 * len(documented) / len(symbols) if symbols else 100.0
        name = pathlib.Path(archive).stem
        print(f"{name}: {len(documented)} of {len(symbols)} public symbols documented ({share:.1f}%)")
        for entry in sorted(symbols, key=lambda e: e["referencePath"]):
            if not entry["hasAbstract"]:
                print("  undocumented:", entry["referencePath"].split("/documentation/", 1)[-1])
        if share < minimum:
            print(f"{name}: below {minimum}%", file=sys.stderr)
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
