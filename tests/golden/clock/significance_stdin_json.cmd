significance
--input
-
--format
json
stdin tests/golden/clock/dns_clean.json
