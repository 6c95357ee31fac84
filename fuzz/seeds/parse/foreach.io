list("a", "b") foreach(i, v, writeln(i, " ", v))
