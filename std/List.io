// List: the Io-written half of the proto.
