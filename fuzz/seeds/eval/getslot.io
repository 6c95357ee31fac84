f := method(x, x * 2); getSlot("f") code println; getSlot("f") argumentNames println
