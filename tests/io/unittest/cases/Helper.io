// Not loaded by the collector (its name does not end in Test.io).
"Helper.io ran" println
