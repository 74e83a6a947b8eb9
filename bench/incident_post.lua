-- wrk script: every request opens an incident, POST /api/v1/orgs/{org}/incidents
-- with a JSON body, as the API token given after "--" (see bench/server_load.sh).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"title":"wrk load","awareness_time":"2025-03-01T10:00:00Z","timezone":"Europe/Berlin",'
  .. '"entity_type":"digital_infrastructure.cloud_computing_service_provider"}'

function init(args)
  wrk.headers["Authorization"] = "Bearer " .. args[1]
end
