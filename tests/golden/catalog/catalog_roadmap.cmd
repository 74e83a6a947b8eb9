catalog
roadmap
