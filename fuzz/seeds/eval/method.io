sq := method(n, n * n); sq(9) println
