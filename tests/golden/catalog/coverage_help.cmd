coverage
--help
