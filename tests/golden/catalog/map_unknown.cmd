map
rm.cryptografy
