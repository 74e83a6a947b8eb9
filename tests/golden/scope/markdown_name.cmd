scope
--input
tests/golden/scope/markdown_name.json
--format
markdown
