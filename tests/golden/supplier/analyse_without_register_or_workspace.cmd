env VIGIL_NOW=2026-11-30T10:00:00Z
supplier
analyse
--format
json
