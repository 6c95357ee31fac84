"tab\there\nnl \x41 \"q\" \\" println; """raw "quoted" \n""" println
