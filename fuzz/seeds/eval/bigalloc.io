l := list; 100000 repeat(l append(l size)); l size println
