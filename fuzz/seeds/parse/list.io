l := list(3, 1, 2); l append(9); l sort println; l size println
