// Directory: the Io-written half.
