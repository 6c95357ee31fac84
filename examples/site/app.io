// A small interactive page written in Io: `ioc bundle examples/site/app.io -o site/`
// then serve site/ with any static server.

page := DOM body
page add("h1") setText("Io in the page")

counter := page add("p")
counter add("span") setText("Clicks: ")
count := counter add("span") setId("count") setText("0")
clicks := 0

page add("button") setId("inc") setText("Click me") on("click",
    block(event,
        clicks = clicks + 1
        count setText(clicks)
    )
)

// A handler that waits on an Io timer: the page stays live meanwhile.
waiting := page add("p")
waiting add("button") setId("later") setText("Done in a moment")
status := waiting add("span") setId("status") setText("idle") setStyle("marginLeft", "1em")
waiting querySelector("#later") on("click",
    block(
        status setText("waiting")
        wait(0.2)
        status setText("done")
    )
)

// Lines from an actor, one every 50 ms, while the page is used.
ticker := Object clone do(
    shown := DOM body add("ul") setId("ticks")
    run := method(
        for(i, 1, 3,
            wait(0.05)
            shown add("li") setText("tick " .. i)
        )
    )
)
ticker @run

"site ready" println
