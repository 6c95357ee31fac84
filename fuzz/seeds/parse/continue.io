out := list; for(i, 1, 6, if(i % 2 == 0, continue); out append(i)); out println
