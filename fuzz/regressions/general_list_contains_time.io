l := list setSize(1000000); 6000 repeat(l contains(1))
