s := "a,b,c" split(","); s join("-") println; "x" .. "y" println
