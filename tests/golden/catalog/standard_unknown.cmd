standard
iso9001
