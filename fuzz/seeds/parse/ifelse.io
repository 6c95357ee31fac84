if(3 > 2, "yes", "no") println; if(nil) then(1 println) else(2 println)
