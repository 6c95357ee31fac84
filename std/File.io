// File: the Io-written half.
