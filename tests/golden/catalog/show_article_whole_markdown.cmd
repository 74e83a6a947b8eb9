show
article 20
--format
markdown
