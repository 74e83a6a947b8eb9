#!/usr/bin/env python3
"""Drafts data/ir_2024_2690.toml from the team's reference CSVs (shared/reference:
ir-2024-2690-annex.csv and ir-2024-2690-iso27001-mapping.csv, see SOURCES-2.md).

Run once by hand; the TOML it writes is then the source of truth and is edited
by hand. The build never runs this script and never needs shared/reference.
The titles in the CSV are our own short wording (no regulation text); a point's
summary is drafted from its own title and its sub-points' titles.

usage: tools/import_ir_2024_2690.py <reference dir> > data/ir_2024_2690.toml
"""
import csv
import sys
from collections import OrderedDict

ref = sys.argv[1]
rows = list(csv.DictReader(open(f"{ref}/ir-2024-2690-annex.csv", encoding="utf-8")))
pairs = list(csv.DictReader(open(f"{ref}/ir-2024-2690-iso27001-mapping.csv", encoding="utf-8")))

# The Art. 21(2) point each part of the Annex implements, as a NIS2 requirement
# of data/requirements.toml (finer than the section heading where the Annex
# itself is finer: backup, crisis management, training, MFA, section 13).
def requirement(point):
    section, sub = point.split(".")[0], ".".join(point.split(".")[:2])
    special = {"4.1": "rm.business_continuity", "4.2": "rm.backup_management", "4.3": "rm.crisis_management",
               "8.1": "rm.cyber_hygiene", "8.2": "rm.cybersecurity_training", "11.7": "rm.mfa",
               "13.1": "rm.business_continuity", "13.2": "rm.acquisition_development_maintenance",
               "13.3": "rm.access_control"}
    if sub in special:
        return special[sub]
    return {"1": "rm.information_system_security_policy", "2": "rm.risk_analysis_policy", "3": "rm.incident_handling",
            "5": "rm.supply_chain", "6": "rm.acquisition_development_maintenance", "7": "rm.effectiveness_assessment",
            "9": "rm.cryptography", "10": "rm.hr_security", "11": "rm.access_control",
            "12": "rm.asset_management"}[section]

def q(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'

def iso_key(i):
    a = i.startswith("A.")
    return (a, [int(x) for x in i.replace("A.", "").split(".")])

points = OrderedDict()
sections = OrderedDict()
for r in rows:
    base = r["id"].split("(")[0]
    sections.setdefault(r["section"], (r["section_title"], []))
    if base == r["id"]:
        points[base] = {"row": r, "parts": []}
    else:
        points[base]["parts"].append(r)
    art = r["nis2_article"]
    if art not in sections[r["section"]][1]:
        sections[r["section"]][1].append(art)

iso = {p: set() for p in points}
src = {p: set() for p in points}
for m in pairs:
    base = m["ir_id"].split("(")[0]
    iso[base].add(m["iso27001_id"])
    s = m["source"]
    src[base].add("ciso_assistant_addition" if "CISO Assistant addition" in s
                  else "enisa_tig_2025_subsection" if "extended to this point" in s else "enisa_tig_2025")
    assert m["relationship"] == "intersect"

out = sys.stdout
out.write("""# The Annex of Commission Implementing Regulation (EU) 2024/2690 of 17 October 2024
# (OJ L, 2024/2690, 18.10.2024, CELEX 32024R2690): the technical and methodological
# requirements of NIS2 Art. 21(2) for DNS service providers, TLD name registries,
# cloud, data centre and CDN providers, managed (security) service providers, online
# marketplaces, search engines, social networks and trust service providers.
#
# [[section]]: the 13 sections with the Art. 21(2) points their headings cite.
# [[point]]: every numbered point (161; ids as the Annex numbers them, 5.2 and 12.5
#   have no sub-number), our own one-sentence summary (never the regulation's
#   text), the NIS2 requirement of requirements.toml it implements, and its
#   ISO/IEC 27001:2022 counterparts following ENISA's mapping table.
#   [[point.part]]: its lettered and roman sub-points with our own short titles.
# relationship: as in requirements.toml. ENISA presents its table as
#   correspondences (pointers to relevant ISO requirements), not as equivalence
#   or full coverage, so every pair is "intersect" and coverage is "partial".
# mapping_sources: ids of [[source]] below.
#
# Drafted with tools/import_ir_2024_2690.py from the team's reference files
# (structure checked against ENISA's reproduction of the Annex and CISO Assistant;
# see docs/KNOWLEDGE_BASE.md); edited by hand since.

[[source]]
id = "enisa_tig_2025"
citation = "ENISA, Technical Implementation Guidance on Commission Implementing Regulation (EU) 2024/2690, June 2025, version 1.0, and its mapping table v1.0. (c) European Union Agency for Cybersecurity (ENISA), 2025, CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)."
note = "ENISA's subsection-level mapping applied to each point as CISO Assistant's mapping library (v2, 2025-07-09) does; ISO ids normalised, typos and a 2013-era reference (A.9) removed, duplicates dropped. ENISA calls the pairs correspondences that point to relevant requirements, not equivalences; the table is advisory."

[[source]]
id = "enisa_tig_2025_subsection"
citation = "ENISA, Technical Implementation Guidance on Commission Implementing Regulation (EU) 2024/2690, June 2025, version 1.0, mapping table v1.0 (subsection rows). CC BY 4.0."
note = "The subsection's ISO list applied to a point the point-level library leaves unmapped (sections 7 and 9, stem points, 5.2, 3.6.3, 13.1.2(e)). A Vigil extension of ENISA's table; correspondences, not equivalences."

[[source]]
id = "ciso_assistant_addition"
citation = "CISO Assistant mapping library 'Annex technical and methodological requirements NIS2 and ISO 27001:2022' v2 (intuitem/ciso-assistant-community @ 656bb558)."
note = "A pair the library adds to ENISA's table (6.1.3 to A.8.8); kept and marked as not ENISA's."

""")
for number, (title, arts) in sections.items():
    out.write(f"[[section]]\nnumber = {number}\ntitle = {q(title)}\narticles = [{', '.join(q(a) for a in arts)}]\n\n")

for pid, p in points.items():
    r = p["row"]
    title = r["title"]
    if p["parts"]:
        items = "; ".join((c["id"][len(pid):] + " " + c["title"][0].lower() + c["title"][1:]) for c in p["parts"])
        summary = f"{title.rstrip('.')}, namely {items}."
    else:
        summary = title.rstrip(".") + "."
    out.write(f"[[point]]\nid = {q(pid)}\nsection = {r['section']}\narticle = {q(r['nis2_article'])}\n")
    out.write(f"title = {q(title)}\nsummary = {q(summary)}\nrequirement = {q(requirement(pid))}\n")
    out.write(f"iso27001 = [{', '.join(q(i) for i in sorted(iso[pid], key=iso_key))}]\n")
    out.write('relationship = "intersect"\ncoverage = "partial"\n')
    out.write(f"mapping_sources = [{', '.join(q(s) for s in sorted(src[pid], key=['enisa_tig_2025','enisa_tig_2025_subsection','ciso_assistant_addition'].index))}]\n")
    for c in p["parts"]:
        out.write(f"\n  [[point.part]]\n  id = {q(c['id'])}\n  title = {q(c['title'])}\n")
        if c["nis2_article"] != r["nis2_article"]:
            raise SystemExit(f"{c['id']}: article differs from its point")
    out.write("\n")
