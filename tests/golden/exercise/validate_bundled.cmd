exercise
validate
data/scenarios/marketplace-ddos.toml
