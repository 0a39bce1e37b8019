import DenyscopeCore
import DenyscopeTestSupport
import FlowIngest
import Foundation
import Testing

/// Rotated-log families read oldest first.
struct RotationOrderTests {
    /// Should split each name into its family base and generation.
    @Test(arguments: [
        ("d/kern.log", "d/kern.log", RotationOrder.Generation.live),
        ("d/kern.log.1", "d/kern.log", .numbered(1)),
        ("d/kern.log.12.gz", "d/kern.log", .numbered(12)),
        ("d/flows.log.gz", "d/flows.log", .live),
        ("d/syslog-20261120", "d/syslog", .dated(20_261_120)),
        ("d/syslog-20261120.gz", "d/syslog", .dated(20_261_120)),
        ("d/syslog-2026112023", "d/syslog", .dated(2_026_112_023)),
        ("d/app-20261399.log", "d/app-20261399.log", .live),  // not a suffix: the name goes on
        ("d/app-20261399", "d/app-20261399", .live),  // month 13: not a date
        ("d/flows-2026", "d/flows-2026", .live),  // too short for a date
        ("d/capture.1234567", "d/capture.1234567", .live),  // too many digits for a copy number
        ("d.1/x", "d.1/x", .live),  // the folder's suffix does not count
    ])
    func classifies(path: String, base: String, generation: RotationOrder.Generation) {
        let result = RotationOrder.classify(path)
        #expect(result.base == base)
        #expect(result.generation == generation)
    }

    /// Should put each family oldest first, at the place of its first member, leaving other files
    /// in name order.
    @Test(arguments: [
        (["d/kern.log", "d/kern.log.1", "d/kern.log.2.gz"], ["d/kern.log.2.gz", "d/kern.log.1", "d/kern.log"]),
        (
            ["d/a.jsonl", "d/kern.log", "d/kern.log.1", "d/kern.log.10.gz", "d/kern.log.2.gz", "d/z.jsonl"],
            ["d/a.jsonl", "d/kern.log.10.gz", "d/kern.log.2.gz", "d/kern.log.1", "d/kern.log", "d/z.jsonl"]
        ),
        (["d/flows.log", "d/flows.log.1.gz"], ["d/flows.log.1.gz", "d/flows.log"]),
        (
            ["d/syslog", "d/syslog-20261119.gz", "d/syslog-20261120", "d/syslog-20261201.gz"],
            ["d/syslog-20261119.gz", "d/syslog-20261120", "d/syslog-20261201.gz", "d/syslog"]
        ),
        (["d/kern.log.1", "d/kern.log.2.gz"], ["d/kern.log.2.gz", "d/kern.log.1"]),  // the live file is gone
        (["a/x.log", "a/x.log.1", "b/x.log.1"], ["a/x.log.1", "a/x.log", "b/x.log.1"]),  // families are per folder
        (["d/b.jsonl", "d/a.jsonl"], ["d/b.jsonl", "d/a.jsonl"]),  // no family: order unchanged
    ])
    func ordersFamiliesOldestFirst(paths: [String], expected: [String]) {
        #expect(RotationOrder.sorted(paths) == expected)
    }

    /// Should read a directory's rotated logs (plain and compressed) oldest first, so that record
    /// times run forward within each family.
    @Test func readsRotatedDirectoryOldestFirst() throws {
        let directory = Fixtures.path("flows/rotation")
        let names = ["flows.log.1.gz", "flows.log", "kern.log.2.gz", "kern.log.1", "kern.log"]
        #expect(try FlowReader.expand([directory]) == names.map { "\(directory)/\($0)" })
        var flows: [Flow] = []
        let stats = try FlowReader().read([directory]) { flows += $0 }
        #expect(stats.records == 13 && stats.parsed == 13 && stats.isBalanced)
        // Files in reading order, each once, as the flows name them.
        var files: [String] = []
        for flow in flows where files.last != flow.location.file { files.append(flow.location.file) }
        #expect(files == names.map { "\(directory)/\($0)" })
        for family in ["flows.log", "kern.log"] {
            let times = flows.filter { ($0.location.file as NSString).lastPathComponent.hasPrefix(family) }.compactMap(\.time)
            #expect(times.count > 1)
            #expect(times == times.sorted(), "\(family): times must run forward")
        }
        // Across the files of a family, each file starts after the previous one ended.
        let kern = names.filter { $0.hasPrefix("kern.log") }.map { name in
            flows.filter { $0.location.file.hasSuffix("/" + name) }.compactMap(\.time)
        }
        for (older, newer) in zip(kern, kern.dropFirst()) { #expect((older.max() ?? 0) < (newer.min() ?? 0)) }
    }
}
