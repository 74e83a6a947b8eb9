scope
--interactive
stdin examples/scope/interview-answers.txt
