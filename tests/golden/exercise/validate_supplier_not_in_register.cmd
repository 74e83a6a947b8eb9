exercise
validate
data/scenarios/msp-supply-chain.toml
--register
examples/suppliers.yaml
