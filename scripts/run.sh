#!/usr/bin/env bash
# Vigil's main job on the bundled example: installs what is missing, builds the
# `vigil` binary, then prints how far ISO/IEC 27001 carries an entity towards
# NIS2, the supply-chain analysis and the readiness report of the example
# organisation (examples/).
# Extra arguments go to `vigil gap` (e.g. --format html > report.html).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh >/dev/null
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVIGIL_UNITY_BUILD=ON >/dev/null
ninja -C build/release vigil >/dev/null
echo "== NIS2 coverage by ISO/IEC 27001:2022 (vigil coverage) =="
build/release/vigil coverage
echo
echo "== Supply chain of the example organisation (vigil supplier analyse) =="
build/release/vigil supplier analyse --register examples/suppliers.yaml
echo
echo "== What fails if its Frankfurt data centre fails (vigil supplier impact) =="
build/release/vigil supplier impact equidata-fra --register examples/suppliers.yaml
echo
echo "== The register stored in a workspace, on the record trail (vigil supplier import, analyse --db) =="
workspace=$(mktemp -d)
trap 'rm -rf "$workspace"' EXIT
build/release/vigil supplier import --register examples/suppliers.yaml --db "$workspace/vigil.db" --by "$(id -un)"
build/release/vigil supplier analyse --db "$workspace/vigil.db" --format csv | head -n 6
build/release/vigil audit verify --db "$workspace/vigil.db" | grep -E "^(Trail intact|TAMPERED)"
echo
echo "== NIS2 readiness of the example organisation (vigil gap) =="
build/release/vigil gap --soa examples/soa.csv --documents examples/documents.csv \
  --entity examples/entity.json "$@"
