f := method(list(1, 2, 3) foreach(v, if(v == 2, return(v))); 0); f println
