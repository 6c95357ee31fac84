a +(b) c; -x; 3 - -2; a ?b c; obj @foo(1) bar; x return y
