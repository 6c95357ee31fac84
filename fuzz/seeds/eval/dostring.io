doString("1 + 1") println; "2 * 21" asMessage doInContext(Lobby) println
