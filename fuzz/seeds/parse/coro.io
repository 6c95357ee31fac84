r := list; l := list(1, 2, 3); l foreach(v, r append(v * v)); r sum println
