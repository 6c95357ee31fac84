// UnitTest: the Io-written half.
