import Testing

@testable import FlowIngest

/// Host names of syslog lines, decoded once per distinct name.
struct HostNameCacheTests {
    /// Should give each line its own host, whether the name was seen before, is new, or comes
    /// after the cache stopped keeping names (a collector's file of thousands of nodes).
    @Test func namesManyHosts() {
        var cache = HostNameCache()
        let hosts = (0..<3_000).map { "node-\($0)" } + ["ip-10-0-1-17.ec2.internal", "n", "nœud-é"]
        for round in 0..<2 {
            for (index, host) in hosts.enumerated() where (index + round) % 3 != 0 {
                let name = Array(host.utf8).withUnsafeBytes { cache.name($0) }
                #expect(name == host)
            }
        }
    }

    /// Should decode bytes that are not UTF-8 with replacement characters, the same way twice.
    @Test func replacesInvalidBytes() {
        var cache = HostNameCache()
        let bytes: [UInt8] = [0x6E, 0xFF, 0x31]
        for _ in 0..<2 {
            #expect(bytes.withUnsafeBytes { cache.name($0) } == "n\u{FFFD}1")
        }
    }
}
