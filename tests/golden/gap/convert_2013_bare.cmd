gap
--convert-2013
--soa
tests/golden/gap/data/soa-2013-bare.csv
