"hello" upper println; "abc" size println; "abc" reverse println
