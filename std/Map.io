// Map: the Io-written half of the proto. Every Map method is a native
// (runtime/src/protos/map.rs).
