F := Object clone; F forward := method(call message name); F anything println
