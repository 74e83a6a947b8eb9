coverage
--format
markdown
