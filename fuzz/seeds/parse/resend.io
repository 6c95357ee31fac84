A := Object clone; A f := method("A" println); B := A clone; B f := method(resend; "B" println); B f
