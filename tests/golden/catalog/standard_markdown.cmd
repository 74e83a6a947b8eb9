standard
iso27001
--format
markdown
