"exiting normally" println
System exit
"not printed" println
