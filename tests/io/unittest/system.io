// System: arguments, launch facts, option parsing and the fixed facts about
// the interpreter. Values that differ between machines are only checked for
// their kind.

System args println
System launchScript println
System launchPath println
isLaunchScript println
Object clone do(isLaunchScript println)
doString("isLaunchScript") println

opts := System getOptions(System args slice(1))
opts keys sort println
opts at("level") println
opts at("verbose") println
opts at("") println
System getOptions(list) keys println

System iovmName println
System iospecVersion println
System installPrefix println
System ioPath println
System version type println

System platform type println
System platformVersion type println
(System thisProcessPid > 0) println
(System activeCpus >= 1) println
System symbols type println
(System sleep(0.01) == System) println

e := try(System system("true"))
(e != nil) println
