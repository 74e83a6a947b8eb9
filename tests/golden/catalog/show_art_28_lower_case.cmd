show
art 28
