show
annex i
