catalog
iso27001
--format
markdown
