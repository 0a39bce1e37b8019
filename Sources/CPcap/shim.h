// The libpcap API for Swift (FlowIngest's capture reader). A shim keeps the module map free of
// absolute include paths; `pkg-config libpcap` supplies the flags where a .pc file exists.
#include <pcap/pcap.h>
