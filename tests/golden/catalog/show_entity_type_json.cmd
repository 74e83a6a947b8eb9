show
public_administration.central_government
--format
json
