Widget := Object clone
w := Widget clone
"calling a missing method" println
w frobnicate(1)
