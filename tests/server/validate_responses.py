#!/usr/bin/python3
"""Validates the answers the server's route tests received against the
OpenAPI document the server serves (the API contract test).

usage: validate_responses.py RECORD_DIR [--openapi FILE] [--no-coverage]

RECORD_DIR holds responses-<pid>.jsonl files written by the route tests with
VIGIL_RECORD_RESPONSES=RECORD_DIR (tests/server/test_client.h): one JSON object
a line with method, target, status, content_type and, for JSON answers, body.
The OpenAPI document is the body of a recorded `GET /api/v1/openapi.json`
(the document as served) unless --openapi names a file.

Each recorded answer is matched to its operation (method and path template),
then to the response declared for its status (or `default`) and its media
type; a JSON body is validated against that response's schema with Debian's
python3-jsonschema (Draft 2020-12, the dialect of OpenAPI 3.1). Fails when:
  - a body does not match its schema, or is not JSON where JSON is declared;
  - a status or media type is not declared for the operation;
  - the server and the document disagree on a required query parameter: a
    400 answer says "required (query parameter)" of a parameter the
    document does not mark required, or a success answered a request that
    lacked a parameter the document marks required;
  - an operation of the document was never answered with success (2xx or
    304) by any test (unless listed in tests/server/contract_not_exercised.txt
    with the reason, or --no-coverage).
Exit 0 when all holds, 1 with every finding otherwise, 2 on bad usage or
nothing recorded.
"""
import glob
import json
import os
import re
import sys
import urllib.parse

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def load_records(directory):
    records = []
    for path in sorted(glob.glob(os.path.join(directory, "responses-*.jsonl"))):
        with open(path, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                line = line.strip()
                if line:
                    record = json.loads(line)
                    record["origin"] = f"{os.path.basename(path)}:{number}"
                    records.append(record)
    return records


def templates(document):
    """(regex, template, literal segment count) per path, most literal first."""
    out = []
    for template in document.get("paths", {}):
        segments = template.strip("/").split("/")
        parts = ["[^/]+" if s.startswith("{") and s.endswith("}") else re.escape(s) for s in segments]
        literal = sum(1 for s in segments if not s.startswith("{"))
        out.append((re.compile("^/" + "/".join(parts) + "$"), template, literal))
    out.sort(key=lambda t: -t[2])
    return out


def find_operation(document, compiled, method, target):
    path = target.split("?", 1)[0]
    candidates = [t for rx, t, _ in compiled if rx.match(path)]
    for template in candidates:
        operation = document["paths"][template].get(method.lower())
        if operation is not None:
            return template, operation
    return None, None


def media(content_type):
    return content_type.split(";", 1)[0].strip().lower()


def validator_for(document, schema):
    root = {"$schema": DIALECT, "components": document.get("components", {}), "allOf": [schema]}
    return Draft202012Validator(root)


def check(document, records, allowed_unexercised, coverage=True):
    findings = []
    compiled = templates(document)
    exercised = set()
    cache = {}
    for record in records:
        method, target, status = record["method"], record["target"], record["status"]
        where = f"{record['origin']}: {method} {target} -> {status}"
        template, operation = find_operation(document, compiled, method, target)
        if operation is None:
            # No such route (a 404/405 probe): the answer is still a problem.
            if "body" in record and media(record.get("content_type", "")) == "application/problem+json":
                schema = document.get("components", {}).get("schemas", {}).get("Problem")
                if schema is not None:
                    findings += validate(document, {"$ref": "#/components/schemas/Problem"}, record, where, cache)
            continue
        if 200 <= status < 300 or status == 304:
            exercised.add((method.upper(), template))
        findings += check_query_parameters(operation, record, where)
        responses = operation.get("responses", {})
        response = responses.get(str(status))
        if response is None:
            if 200 <= status < 300:
                findings.append(f"{where}: status {status} is not declared for {method} {template}")
                continue
            response = responses.get("default")
            if response is None:
                findings.append(f"{where}: status {status} is not declared and there is no default response")
                continue
        content = response.get("content")
        if status in (204, 304):
            continue
        if not content:
            if record.get("body"):
                findings.append(f"{where}: a body answered where {method} {template} {status} declares none")
            continue
        kind = media(record.get("content_type", ""))
        if kind not in content:
            findings.append(f"{where}: media type '{kind}' is not declared (declared: {', '.join(sorted(content))})")
            continue
        if "body" not in record:
            continue  # not JSON: the media type was declared, nothing more to check
        schema = content[kind].get("schema")
        if schema is None:
            findings.append(f"{where}: no schema for {kind}")
            continue
        findings += validate(document, schema, record, where, cache)
    if coverage:
        for template, item in document.get("paths", {}).items():
            for method in item:
                key = (method.upper(), template)
                if key not in exercised and key not in allowed_unexercised:
                    findings.append(f"not exercised: {method.upper()} {template} was never answered with success "
                                    f"by a route test")
    return findings


def check_query_parameters(operation, record, where):
    """The document's required query parameters against what the server did."""
    declared = {p["name"]: p for p in operation.get("parameters", []) if p.get("in") == "query"}
    given = urllib.parse.parse_qs(urllib.parse.urlsplit(record["target"]).query, keep_blank_values=True)
    findings = []
    status = record["status"]
    if 200 <= status < 300:
        for name, parameter in declared.items():
            if parameter.get("required") and not any(v.strip() for v in given.get(name, [])):
                findings.append(f"{where}: answered success without the query parameter '{name}', which the "
                                f"document marks required")
    if status == 400 and "body" in record:
        try:
            problems = json.loads(record["body"]).get("errors", [])
        except (ValueError, AttributeError):
            problems = []
        for problem in problems:
            if not isinstance(problem, dict) or not str(problem.get("message", "")).startswith(
                    "required (query parameter)"):
                continue
            name = problem.get("where", "")
            if name not in declared:
                findings.append(f"{where}: the server requires the query parameter '{name}', which the document "
                                f"does not declare")
            elif not declared[name].get("required"):
                findings.append(f"{where}: the server requires the query parameter '{name}', which the document "
                                f"marks \"required\": false")
    return findings


def validate(document, schema, record, where, cache):
    key = json.dumps(schema, sort_keys=True)
    if key not in cache:
        cache[key] = validator_for(document, schema)
    try:
        body = json.loads(record["body"])
    except ValueError as error:
        return [f"{where}: the body is not JSON ({error})"]
    error = best_match(cache[key].iter_errors(body))
    if error is None:
        return []
    at = "/".join(str(p) for p in error.absolute_path) or "(top)"
    return [f"{where}: body at {at}: {error.message[:300]}"]


def load_allowed(path):
    allowed = set()
    if not os.path.exists(path):
        return allowed
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                method, template = line.split()[:2]
                allowed.add((method.upper(), template))
    return allowed


def main(argv):
    args = argv[1:]
    coverage = "--no-coverage" not in args
    args = [a for a in args if a != "--no-coverage"]
    openapi_file = None
    if "--openapi" in args:
        i = args.index("--openapi")
        if i + 1 >= len(args):
            print(__doc__, file=sys.stderr)
            return 2
        openapi_file = args[i + 1]
        del args[i:i + 2]
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    records = load_records(args[0])
    if not records:
        print(f"no recorded responses in {args[0]} (run the server tests with VIGIL_RECORD_RESPONSES set)",
              file=sys.stderr)
        return 2
    if openapi_file:
        with open(openapi_file, encoding="utf-8") as f:
            document = json.load(f)
    else:
        served = [r for r in records if r["method"] == "GET" and r["target"].split("?")[0] == "/api/v1/openapi.json"
                  and r["status"] == 200 and "body" in r]
        if not served:
            print("no recorded GET /api/v1/openapi.json: the served document is what is checked", file=sys.stderr)
            return 2
        document = json.loads(served[-1]["body"])
    allowed = load_allowed(os.path.join(os.path.dirname(os.path.abspath(__file__)), "contract_not_exercised.txt"))
    findings = check(document, records, allowed, coverage)
    for finding in findings:
        print(finding)
    operations = sum(len(item) for item in document.get("paths", {}).values())
    print(f"{len(records)} recorded answers checked against {operations} operations: "
          f"{len(findings)} finding(s)")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
