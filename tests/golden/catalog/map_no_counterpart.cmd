map
rm.crisis_management
--format
markdown
