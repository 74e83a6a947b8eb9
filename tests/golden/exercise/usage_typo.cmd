exercise
scor
