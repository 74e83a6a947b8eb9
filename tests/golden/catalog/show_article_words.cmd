show
Art.
21(2)(h)
--format
json
