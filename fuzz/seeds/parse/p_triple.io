"""unterminated triple
