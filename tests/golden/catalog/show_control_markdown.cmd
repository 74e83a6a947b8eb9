show
A.8.24
--format
markdown
