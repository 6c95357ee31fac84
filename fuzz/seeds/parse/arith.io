1 + 2 * 3 - 4 / 2 println
