#!/usr/bin/env python3
"""Writes the generated supplier register of bench/supplier_bench.cpp (the
same shape: 2 000 functions, every third critical; 10 000 suppliers in three
tiers; 100 000 dependencies) as three CSV files, a JSON and a YAML file into
the directory given, for bench/supplier_e2e.sh."""
import json, os, sys

out = sys.argv[1]
os.makedirs(os.path.join(out, "csv"), exist_ok=True)
CLAUSES = ["security_requirements", "incident_notification", "audit_rights", "subcontracting",
           "vulnerability_handling", "exit", "confidentiality", "data_location"]
COUNTRIES = ["DE", "FR", "IE", "NL", "US"]
functions = [{"id": f"f{f}", "name": f"Function {f}", "critical": f % 3 == 0} for f in range(2000)]
suppliers = []
for s in range(10000):
    row = {"id": f"s{s}", "name": f"Supplier {s}", "country": COUNTRIES[s % 5], "services": ["service"],
           "substitutable": s % 50 != 0, "exit_plan": s % 100 != 0,
           "iso27001_certificate_expiry": "2026-01-01" if s % 7 == 0 else "2027-06-30",
           "contract_end": "2028-12-31", "clauses": CLAUSES if s % 3 else CLAUSES[:5],
           "last_assessment": "2026-01-01", "next_assessment": "2026-05-01" if s % 11 == 0 else "2027-01-01"}
    if s % 10 == 0:
        row["group"] = f"g{s // 20}"
    suppliers.append(row)
deps = []
for f in range(2000):
    for k in range(10):
        deps.append({"from": f"f{f}", "to": f"s{(f * 7 + k * 211) % 2000}", "kind": f"k{k}"})
for s in range(2000):
    for k in range(20):
        deps.append({"from": f"s{s}", "to": f"s{2000 + (s * 17 + k * 199) % 4000}", "kind": f"k{k}"})
for s in range(2000, 6000):
    for k in range(10):
        deps.append({"from": f"s{s}", "to": f"s{6000 + (s * 13 + k * 397) % 4000}", "kind": f"k{k}"})
doc = {"functions": functions, "suppliers": suppliers, "dependencies": deps}
with open(os.path.join(out, "register.json"), "w") as fh:
    json.dump(doc, fh)
with open(os.path.join(out, "register.yaml"), "w") as fh:
    for section in ("functions", "suppliers", "dependencies"):
        fh.write(f"{section}:\n")
        for row in doc[section]:
            fh.write("  - " + json.dumps(row) + "\n")  # JSON is a YAML flow map
def cell(v):
    if isinstance(v, bool): return "true" if v else "false"
    if isinstance(v, list): return ";".join(v)
    return str(v)
for section, columns in (("functions", ["id", "name", "critical"]),
                         ("suppliers", ["id", "name", "country", "group", "services", "substitutable", "exit_plan",
                                        "iso27001_certificate_expiry", "contract_end", "clauses", "last_assessment",
                                        "next_assessment"]),
                         ("dependencies", ["from", "to", "kind"])):
    with open(os.path.join(out, "csv", f"{section}.csv"), "w") as fh:
        fh.write(",".join(columns) + "\n")
        for row in doc[section]:
            fh.write(",".join(cell(row.get(c, "")) for c in columns) + "\n")
print(f"{len(functions)} functions, {len(suppliers)} suppliers, {len(deps)} dependencies")
