l := list setSize(1000000)
loop(l clone)
