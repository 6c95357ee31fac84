Animal := Object clone; Animal speak := method("..." println); Dog := Animal clone; Dog speak := method("woof" println); Dog speak; Dog type println
