// Stop statuses carried by a Call: stopStatus, setStopStatus,
// resetStopStatus and relayStopStatus.

// A new call's status is Normal.
st := method(call stopStatus)
(st == Normal) println

// Setting a status makes the method end with it, after running to the end.
brk := method(call setStopStatus(Break); "ran to the end" println; 42)
r := for(i, 1, 10, if(i == 3, brk); i)
r println
cont := method(call setStopStatus(Continue))
s := 0
for(i, 1, 5, if(i == 2, cont); s = s + i)
s println
ret := method(call setStopStatus(Return); "value")
f := method(ret; "not reached")
f println

// resetStopStatus undoes it.
undo := method(call setStopStatus(Break); call resetStopStatus; 1)
s := 0
for(i, 1, 3, undo; s = s + i)
s println
(method(call setStopStatus(Break); call resetStopStatus; call stopStatus) call == Normal) println
// Anything else counts as Normal.
(method(call setStopStatus(3); call stopStatus) call == Normal) println

// Control methods written in Io hand break/continue/return on with relayStopStatus.
unless := method(c, if(c not, call relayStopStatus(call evalArgAt(1))))
s := 0
for(i, 1, 10, unless(i < 4, break); s = s + i)
s println
s := 0
for(i, 1, 5, unless(i != 3, continue); s = s + i)
s println
g := method(unless(false, return "early"); "late")
g println
h := method(x, unless(false, return x + 1))
k := method(h(1) + 10)
k println
found := method(list(1, 2, 3) foreach(v, unless(v != 2, return v * 100)); 0)
found println
(method(call relayStopStatus(5)) call) println
(method(call relayStopStatus(5); call stopStatus) call == Normal) println
