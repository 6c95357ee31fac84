total := 0
total = total + 1
total println
totl = total + 1
