// Date: the Io-written half.
