show
rep.final_report
--format
json
