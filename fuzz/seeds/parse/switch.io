v := 2; (v == 1) ifTrue("one" println) ifFalse("other" println)
