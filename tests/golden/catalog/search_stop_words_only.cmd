search
the
of
