// A program of comments only: nothing to run, nothing printed.
