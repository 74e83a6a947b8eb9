coverage
--format
Markdown
