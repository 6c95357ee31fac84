// A slot that holds a Number becomes a String, then nil, then a List in the
// middle of a loop; arithmetic guarded by a type check and `..`
// concatenation must follow each change.

x := 0
numSum := 0
text := ""
kinds := list
for(i, 1, 40,
    if(i == 10, x = "ten")
    if(i == 20, x = nil)
    if(i == 30, x = list(1, 2))
    if(i < 10, x = x + i)
    if(x type == "Number", numSum = numSum + x)
    if(i % 5 == 0, text = text .. i .. ":" .. x type .. " ")
    if(kinds last != x type, kinds append(x type))
)
numSum println
text println
kinds println
x println

// The same inside a method, with the value passed in as a local
describe := method(values,
    out := list
    acc := 0
    values foreach(v,
        j := 0
        while(j < 3,
            if(v type == "Number", acc = acc + v * j)
            out append(v asString .. "/" .. j)
            j = j + 1
        )
    )
    list(acc, out join(" "))
)
describe(list(1, "a", nil, 2.5, list(3))) println

// A local that changes type while arithmetic on it is not guarded:
// the error comes from `+` with the wrong type, and the loop stops there
y := 1
e := try(
    for(i, 1, 10,
        if(i == 4, y = "four")
        y = y + 1
    )
)
e error println
y println

// `..` on a Number receiver, and with nil and lists as arguments
s := ""
for(i, 1, 3, s = s .. i .. nil .. list(i))
s println
