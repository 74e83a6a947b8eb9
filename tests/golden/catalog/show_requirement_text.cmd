show
rm.crisis_management
