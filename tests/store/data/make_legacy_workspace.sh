#!/bin/bash
# How legacy_workspace_v3_rows.sql (the INSERT lines for incidents and
# incident_events of legacy.sql below) and tests/incident/data/legacy_export_INC-*.json
# were made: with the vigil of commit ba37dc4, before the rules of "unknown is
# not no", so the tests can check that a workspace and exports written then still
# verify and replay. Kept for the record; the files are not regenerated.
#   V=/path/to/old/vigil tests/store/data/make_legacy_workspace.sh
set -e
V=${V:-/tmp/legacy/vigil}
OUT=${OUT:-/tmp/legacy/out}
rm -rf $OUT && mkdir -p $OUT
export VIGIL_DB=$OUT/legacy.db NO_COLOR=1
cloud=digital_infrastructure.cloud_computing_service_provider
cat > $OUT/significant.json <<J
{"entity_type": "$cloud", "users_eu_total": 2000000, "complete_unavailability_minutes": 45}
J
cat > $OUT/sparse.json <<J
{"entity_type": "$cloud", "complete_unavailability_minutes": 10}
J
# INC-1: significant; early warning on time, notification late by 8 d 2 h 15 min, final on time.
VIGIL_NOW=2025-03-03T10:00:00Z $V incident open --title "Storage outage" --awareness 2025-03-03T09:00:00Z --timezone Europe/Berlin --entity-type $cloud --by alice
VIGIL_NOW=2025-03-03T11:00:00Z $V incident assess INC-1 --input $OUT/significant.json --by bob
VIGIL_NOW=2025-03-04T08:30:00Z $V incident submit INC-1 early-warning --to csirt --time 2025-03-04T08:00:00Z --by erin
VIGIL_NOW=2025-03-14T11:20:00Z $V incident submit INC-1 notification --to csirt --time 2025-03-14T11:15:00Z --by erin
VIGIL_NOW=2025-04-10T09:00:00Z $V incident submit INC-1 final --to csirt --time 2025-04-10T09:00:00Z --by erin
# INC-2: an early warning, then assessed not significant by the rules of the time (a sparse input read as "none").
VIGIL_NOW=2025-03-05T10:00:00Z $V incident open --title "Slow logins" --awareness 2025-03-05T08:00:00Z --timezone Europe/Berlin --entity-type $cloud --by alice
VIGIL_NOW=2025-03-05T12:00:00Z $V incident submit INC-2 early-warning --to csirt --time 2025-03-05T12:00:00Z --by erin
VIGIL_NOW=2025-03-05T13:00:00Z $V incident assess INC-2 --input $OUT/sparse.json --by bob
# INC-3: criteria met, judged not significant without a word of why (then allowed).
VIGIL_NOW=2025-03-06T10:00:00Z $V incident open --title "Portal down" --awareness 2025-03-06T09:00:00Z --timezone Europe/Berlin --entity-type $cloud --by alice
VIGIL_NOW=2025-03-06T11:00:00Z $V incident assess INC-3 --input $OUT/significant.json --judgement not-significant --by bob
VIGIL_NOW=2025-04-20T00:00:00Z $V incident list --all
VIGIL_NOW=2025-04-20T00:00:00Z $V incident export INC-1 --output $OUT/INC-1.json
VIGIL_NOW=2025-04-20T00:00:00Z $V incident export INC-2 --output $OUT/INC-2.json
VIGIL_NOW=2025-04-20T00:00:00Z $V audit verify
sqlite3 $OUT/legacy.db .dump > $OUT/legacy.sql
