// The zlib API for Swift (FlowIngest's gzip inflater). A shim keeps the module map free of
// absolute include paths; `pkg-config zlib` supplies the flags where a .pc file exists.
#include <zlib.h>
