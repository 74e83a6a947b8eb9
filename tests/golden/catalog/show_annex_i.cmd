show
Annex I
