/* /* nested but only one close */
