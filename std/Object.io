// Object: the Io-written half of the proto.
