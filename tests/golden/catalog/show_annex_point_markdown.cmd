show
annex ii, point 6
--format
markdown
