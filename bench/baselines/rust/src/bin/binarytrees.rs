//! Binary trees (Benchmarks Game algorithm): allocate and walk binary trees.
//!
//! Usage: binarytrees [N]   (default 10)

struct Node {
    children: Option<(Box<Node>, Box<Node>)>,
}

impl Node {
    fn check(&self) -> u64 {
        match &self.children {
            None => 1,
            Some((left, right)) => 1 + left.check() + right.check(),
        }
    }
}

fn bottom_up(depth: u32) -> Node {
    if depth == 0 {
        return Node { children: None };
    }
    let left = Box::new(bottom_up(depth - 1));
    let right = Box::new(bottom_up(depth - 1));
    Node {
        children: Some((left, right)),
    }
}

fn main() {
    let n: u32 = std::env::args()
        .nth(1)
        .map_or(10, |s| s.parse().expect("a size"));
    let min_depth = 4;
    let max_depth = n;
    let stretch = max_depth + 1;
    println!(
        "stretch tree of depth {stretch}\t check: {}",
        bottom_up(stretch).check()
    );

    let long_lived = bottom_up(max_depth);

    for depth in (min_depth..=max_depth).step_by(2) {
        let iterations = 1u64 << (max_depth - depth + min_depth);
        let mut check = 0;
        for _ in 0..iterations {
            check += bottom_up(depth).check();
        }
        println!("{iterations}\t trees of depth {depth}\t check: {check}");
    }

    println!(
        "long lived tree of depth {max_depth}\t check: {}",
        long_lived.check()
    );
}
