coverage
--format
xml
