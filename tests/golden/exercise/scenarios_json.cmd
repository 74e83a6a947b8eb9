exercise
scenarios
--format
json
