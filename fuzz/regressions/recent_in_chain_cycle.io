a := Coroutine clone
a parentCoroutine := Coroutine clone
a parentCoroutine parentCoroutine := a
Coroutine runMessage := message(0)
l := list
900 repeat(l append(Coroutine clone run))
l foreach(c, c parentCoroutine := a)
z := Coroutine clone
3000 repeat(z recentInChain)
