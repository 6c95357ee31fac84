"héllo wörld" size println; "日本" at(0) println
