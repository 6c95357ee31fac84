// resume invoke(v) inside a handler makes signal answer v right away: the
// rest of the handler does not run.

log := list
r := withHandler(Exception, block(e, resume,
        log append("handler starts")
        resume invoke("resumed value")
        log append("handler goes on")
        "handler's own value"
    ),
    Exception signal("x")
)
r println
log println
