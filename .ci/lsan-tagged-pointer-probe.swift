// A global holds indirect-enum values; every box is reachable until exit. Built with
// -sanitize=address, LeakSanitizer reports the boxes as leaked: the case tag lives in the
// pointer's spare bits, so the pointer is not recognised. .ci/run builds and runs this to
// check that .ci/lsan.supp's first suppression is still needed.
indirect enum Value { case null, text(String), list([Value]), record([String]) }
let global: [Value] = (0..<10).map { .list([.record(["k\($0)"]), .text("v\($0)")]) }
print(global.count)
