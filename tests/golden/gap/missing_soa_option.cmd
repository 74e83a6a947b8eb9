gap
--as-of
2025-09-30
