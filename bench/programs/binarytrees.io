// binary-trees: allocates and walks many perfect binary trees (Node objects),
// checking each by counting its nodes. Default size: max depth 10.

Node := Object clone do(
    left := nil
    right := nil

    // The number of nodes in the tree rooted here.
    check := method(
        if(left isNil, 1, 1 + left check + right check)
    )
)

// A perfect tree of the given depth: depth 0 is a single leaf.
Node bottomUp := method(depth,
    node := Node clone
    if(depth > 0,
        node left = bottomUp(depth - 1)
        node right = bottomUp(depth - 1)
    )
    node
)

n := if(System args size > 1, System args at(1) asNumber, 10)
minDepth := 4
maxDepth := if(minDepth + 2 > n, minDepth + 2, n)

stretchDepth := maxDepth + 1
("stretch tree of depth " .. stretchDepth .. "\t check: " .. Node bottomUp(stretchDepth) check) println

longLived := Node bottomUp(maxDepth)

depth := minDepth
while(depth <= maxDepth,
    iterations := 2 ** (maxDepth - depth + minDepth)
    total := 0
    iterations repeat(
        total = total + Node bottomUp(depth) check
    )
    (iterations .. "\t trees of depth " .. depth .. "\t check: " .. total) println
    depth = depth + 2
)

("long lived tree of depth " .. maxDepth .. "\t check: " .. longLived check) println
