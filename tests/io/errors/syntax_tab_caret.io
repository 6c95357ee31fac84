	foo(
