#!/usr/bin/python3
"""Validates OSCAL JSON documents against NIST's official OSCAL JSON schemas.

usage: scripts/validate_oscal.py SCHEMA_DIR DOCUMENT.json...

Picks the schema from the document's root key (catalog, mapping-collection,
assessment-results, plan-of-action-and-milestones). Uses Debian's
python3-jsonschema and python3-regex (scripts/setup.sh --test): OSCAL's token
pattern uses \\p{L}, which Python's re cannot compile, so "pattern" is checked
with the regex module (see shared/reference/oscal/README.md). Exit 0 when every
document is valid, 1 with the errors otherwise, 2 on bad usage.
"""
import json
import sys

import regex
from jsonschema import Draft7Validator, validators
from jsonschema.exceptions import ValidationError, best_match

SCHEMAS = {
    "catalog": "oscal_catalog_schema.json",
    "mapping-collection": "oscal_mapping_schema.json",
    "assessment-results": "oscal_assessment-results_schema.json",
    "plan-of-action-and-milestones": "oscal_poam_schema.json",
}


def _pattern(validator, pattern, instance, schema):
    if validator.is_type(instance, "string") and not regex.search(pattern, instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


OscalValidator = validators.extend(Draft7Validator, {"pattern": _pattern})


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    failed = False
    for path in argv[2:]:
        document = json.load(open(path, encoding="utf-8"))
        roots = [k for k in document if k in SCHEMAS]
        if len(roots) != 1:
            print(f"{path}: no single OSCAL root key ({', '.join(SCHEMAS)})")
            failed = True
            continue
        schema = json.load(open(f"{argv[1]}/{SCHEMAS[roots[0]]}", encoding="utf-8"))
        errors = sorted(OscalValidator(schema, format_checker=Draft7Validator.FORMAT_CHECKER).iter_errors(document),
                        key=lambda e: list(e.absolute_path))
        for e in errors[:20]:
            e = best_match([e])  # the most specific cause inside anyOf/oneOf, not the whole subtree
            where = "/".join(str(p) for p in e.absolute_path)
            print(f"{path}: {where}: {e.message[:300]}")
        if errors:
            failed = True
        else:
            print(f"{path}: valid {roots[0]} (schema {schema.get('$id')})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
