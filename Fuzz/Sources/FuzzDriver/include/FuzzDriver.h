// libFuzzer's entry for programs that have their own main: SwiftPM links an executable's main
// to its module's entry point, so each target calls this from its @main instead of using
// libFuzzer's main.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
