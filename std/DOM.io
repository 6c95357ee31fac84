// DOM and Element: the page, for a program bundled with `ioc bundle`. They
// are written over JS and JSObject (runtime/src/protos/js.rs): an Element
// has the JavaScript element among its protos, so a message it does not
// know goes on to the element (`el focus`, `el textContent`), and it can be
// passed wherever JavaScript wants the element.

Element := JSObject clone do(
    // The Element for a JavaScript element, or nil for null.
    with := method(node,
        if(node isNil, return nil)
        self clone appendProto(node)
    )

    text := method(get("textContent"))
    setText := method(s, set("textContent", s asString))
    html := method(get("innerHTML"))
    setHtml := method(s, set("innerHTML", s asString))
    value := method(get("value"))
    setValue := method(v, set("value", v))
    id := method(get("id"))
    setId := method(s, set("id", s asString))
    tagName := method(get("tagName"))

    attribute := method(name, invoke("getAttribute", name))
    setAttribute := method(name, v, invoke("setAttribute", name, v asString); self)
    removeAttribute := method(name, invoke("removeAttribute", name); self)
    hasAttribute := method(name, invoke("hasAttribute", name))

    // One CSS property of the inline style, by its JavaScript name (`backgroundColor`).
    style := method(name, get("style") get(name))
    setStyle := method(name, v, get("style") set(name, v asString); self)

    hasClass := method(name, get("classList") invoke("contains", name))
    addClass := method(name, get("classList") invoke("add", name); self)
    removeClass := method(name, get("classList") invoke("remove", name); self)
    toggleClass := method(name, get("classList") invoke("toggle", name); self)

    appendChild := method(child, invoke("appendChild", child); self)
    removeChild := method(child, invoke("removeChild", child); self)
    // Make and append a child element; answers the child.
    add := method(tag,
        child := DOM createElement(tag)
        appendChild(child)
        child
    )
    parent := method(Element with(get("parentElement")))
    children := method(DOM elements(get("children")))

    querySelector := method(selector, Element with(invoke("querySelector", selector)))
    querySelectorAll := method(selector, DOM elements(invoke("querySelectorAll", selector)))

    // Run `block` (with the JavaScript event) at each `event` on the element.
    addEventListener := method(event, block, invoke("addEventListener", event, block); self)
    removeEventListener := method(event, block, invoke("removeEventListener", event, block); self)
    on := getSlot("addEventListener")

    click := method(invoke("click"); self)
)

DOM := Object clone do(
    document := method(JS get("document"))
    body := method(Element with(document get("body")))
    head := method(Element with(document get("head")))
    title := method(document get("title"))
    setTitle := method(s, document set("title", s asString); self)

    getElementById := method(id, Element with(document invoke("getElementById", id)))
    querySelector := method(selector, Element with(document invoke("querySelector", selector)))
    querySelectorAll := method(selector, elements(document invoke("querySelectorAll", selector)))
    createElement := method(tag, Element with(document invoke("createElement", tag)))
    createTextNode := method(s, document invoke("createTextNode", s asString))

    // A List of Elements from a JavaScript NodeList or HTMLCollection.
    elements := method(nodes,
        found := list
        n := nodes get("length")
        for(i, 0, n - 1, found append(Element with(nodes get(i))))
        found
    )
)
