significance
--input
tests/golden/clock/dns_clean.json
