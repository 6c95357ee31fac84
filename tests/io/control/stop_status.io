// A method catches a stray break or continue: the caller's loop goes on
brk := method(break)
for(i, 1, 3, brk; write(i))
writeln
cont := method(continue)
for(i, 1, 3, cont; write(i))
writeln

// setPassStops hands the block's stop status to whoever called it
b := block(break) setPassStops(true)
for(i, 1, 5, write(i); if(i == 2, b call))
writeln
r := block(return 9) setPassStops(true)
m := method(r call; "not reached")
m println

// stopStatus evaluates its argument and answers the status it ended with
(stopStatus(break) == Break) println
(stopStatus(continue) == Continue) println
(stopStatus(return 1) == Return) println
(stopStatus(7) == Normal) println
(stopStatus(break) isBreak) println
(stopStatus(continue) isContinue) println
(stopStatus(return 1) isReturn) println
(stopStatus(1) isBreak) println
(stopStatus(break) stopLooping) println
(stopStatus(continue) stopLooping) println

// A loop written in Io on top of stopStatus
myWhile := method(
    loop(
        if(call evalArgAt(0) not, break)
        s := stopStatus(call evalArgAt(1))
        if(s isBreak, break)
    )
)
i := 0
seen := list()
myWhile(i < 10, i = i + 1; if(i % 2 == 0, continue); if(i == 7, break); seen append(i))
i println
seen println
