// Loaded by importer.io the first time it names Greeter.
Greeter := Object clone do(
    hello := method(name, "Hello, " .. name .. "!")
)
