#!/usr/bin/env bash
# Builds the DocC documentation of DecimalModule and PolicyModule with warnings as errors, and
# fails if either documents fewer than 95% of its public symbols.
#
#   bash Scripts/build_docs.sh        (archives in .build/plugins/Swift-DocC/outputs/)
#
# Symbols that only restate a protocol's requirement (`description`, `init(from:)`) inherit the
# requirement's documentation (--enable-inherited-docs); the standard library's default
# implementations (`!=`, `...`) are not ours to document (--experimental-skip-synthesized-symbols).
set -euo pipefail
cd "$(dirname "$0")/.."
outputs=.build/plugins/Swift-DocC/outputs
for target in DecimalModule PolicyModule; do
    swift package --disable-sandbox generate-documentation --target "$target" --warnings-as-errors \
        --experimental-documentation-coverage --experimental-skip-synthesized-symbols --enable-inherited-docs
done
python3 Scripts/documentation_coverage.py 95 "$outputs/DecimalModule.doccarchive" "$outputs/PolicyModule.doccarchive"
