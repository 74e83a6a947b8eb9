exercise
show
msp-supply-chain
--format
json
