#!/usr/bin/env bash
# End-to-end timing of `vigil scope` on a generated 100 000-row CSV (target:
# under one second). Usage: bench/scope_csv.sh [path/to/vigil]
set -euo pipefail
vigil=${1:-build/release/vigil}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
awk 'BEGIN {
  split("energy.electricity.producer|postal_courier.postal_service_provider|digital_infrastructure.cloud_computing_service_provider|digital_infrastructure.dns_service_provider;domain_name_registration.provider|health.healthcare_provider|banking.credit_institution|food.food_business|digital_infrastructure.trust_service_provider", types, "|");
  print "name,entity_types,employees,annual_turnover_eur,balance_sheet_total_eur,provides_services_in_eu,group_worldwide_turnover_eur";
  srand(42);
  for (i = 1; i <= 100000; i++) {
    printf "Entity %d,%s,%d,%d,%d,true,%d\n", i, types[1 + i % 8], int(rand() * 600), int(rand() * 90000000), int(rand() * 60000000), int(rand() * 2000000000);
  }
}' > "$dir/entities.csv"
echo "rows: $(($(wc -l < "$dir/entities.csv") - 1))"
for format in csv json; do
  echo "--format $format:" >&2
  /usr/bin/time -f "  %e s wall, %U s user, %S s sys, %M KB max RSS" "$vigil" scope --input "$dir/entities.csv" --format "$format" > "$dir/out.$format"
done
