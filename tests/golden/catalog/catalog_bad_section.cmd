catalog
nonsense
