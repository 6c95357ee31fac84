// Found by importer.io once it adds this folder to the search paths.
Doubler := Object clone do(twice := method(x, x * 2))
