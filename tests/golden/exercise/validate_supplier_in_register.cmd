exercise
validate
data/scenarios/msp-supply-chain.toml
--register
tests/golden/exercise/suppliers_with_msp.yaml
