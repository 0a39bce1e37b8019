import DenyscopeTestSupport
import Foundation
import Testing

struct GenerateCommandTests {
    /// A new empty directory under the system's temporary directory.
    private static func temporaryDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("denyscope-generate-\(UUID().uuidString)").path
    }

    /// Runs `generate` with small counts; returns the output directory and the denied count it printed.
    private static func generate(_ format: String, seed: Int = 11, extra: [String] = []) throws -> (directory: String, denied: Int) {
        let directory = temporaryDirectory()
        let result = try CommandRunner.run(
            ["generate", "--pods", "40", "--policies", "20", "--flows", "300", "--format", format, "--seed", "\(seed)", "--out", directory]
                + extra)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Wrote \(directory)/cluster.yaml, \(directory)/flows."))
        #expect(result.stdout.contains(": 40 pods, 20 policies, 300 flows ("))
        let denied = try #require(result.stdout.split(separator: "(").last?.split(separator: " ").first.flatMap { Int($0) })
        return (directory, denied)
    }

    private static func flowsFile(_ directory: String, _ format: String) -> String {
        directory + "/"
            + ["hubble": "flows.jsonl", "calico-log": "flows.log", "calico-flowlog": "flows.jsonl", "pcap": "flows.pcap"][
                format, default: ""]
    }

    /// Should write a snapshot and traffic that `flows` reads completely and `triage` confirms:
    /// every denial the records report is one the engine makes on the snapshot.
    @Test(arguments: ["hubble", "calico-log", "calico-flowlog", "pcap"])
    func triageConfirmsEveryDenial(format: String) throws {
        let (directory, denied) = try Self.generate(format)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(denied > 0 && denied < 300)
        let flows = Self.flowsFile(directory, format)

        let records = try CommandRunner.run(["flows", "--cluster", directory + "/cluster.yaml", flows])
        #expect(records.status == 0)
        #expect(records.stderr.contains("0 skipped, 0 failed"))
        let objects = try records.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        // One attempt per generated flow; Hubble adds the drop event of each denied one.
        #expect(objects.count == (format == "hubble" ? 300 + denied : 300))
        #expect(objects.reduce(0) { $0 + ($1["attempts"] as? Int ?? 0) } == 300)

        let triage = try CommandRunner.run(["triage", "--cluster", directory + "/cluster.yaml", flows, "--output", "json"])
        #expect(triage.status == 0)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(triage.stdout.utf8)) as? [String: Any])
        let summary = try #require(report["summary"] as? [String: Any])
        let groups = try #require(report["groups"] as? [[String: Any]])
        #expect(summary["failed"] as? Int == 0)
        #expect(summary["skipped"] as? Int == 0)
        #expect(summary["denied"] as? Int == denied)
        let confirmed = groups.filter { $0["agreement"] as? String == "confirmed" }
        #expect(confirmed.reduce(0) { $0 + ($1["count"] as? Int ?? 0) } == denied)
        #expect(confirmed.allSatisfy { $0["verdict"] as? String == "denied" })
        for group in groups where group["agreement"] as? String != "confirmed" {
            // Only calico-packet lines (a Log rule's, no verdict) of allowed attempts are left.
            #expect(format == "calico-log")
            #expect(group["agreement"] as? String == "no-observed-verdict")
            #expect(group["verdict"] as? String == "allowed")
        }
    }

    /// Should name the deny rule in Hubble's `POLICY_DENY` records, and only there.
    @Test func hubbleExplicitDeniesNameTheirPolicy() throws {
        let (directory, _) = try Self.generate("hubble")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let lines = try String(contentsOfFile: directory + "/flows.jsonl", encoding: .utf8).split(separator: "\n")
        let explicit = lines.filter { $0.contains(#""drop_reason_desc":"POLICY_DENY""#) }
        #expect(!explicit.isEmpty)
        #expect(
            explicit.filter { $0.contains(#""event_type":{"type":5}"#) }.allSatisfy { $0.contains(#""ingress_denied_by":[{"name":"deny-"#) }
        )
        #expect(lines.filter { $0.contains("POLICY_DENIED") }.allSatisfy { !$0.contains("denied_by") })
        #expect(lines.allSatisfy { $0.hasPrefix(#"{"flow":{"time":""#) && $0.contains(#""node_name":"node-"#) })
    }

    /// Should write byte-identical files for the same seed, and different ones for another seed.
    @Test(arguments: ["hubble", "calico-log", "calico-flowlog", "pcap"])
    func sameSeedSameBytes(format: String) throws {
        let first = try Self.generate(format, seed: 5)
        let second = try Self.generate(format, seed: 5)
        let other = try Self.generate(format, seed: 6)
        defer { for run in [first, second, other] { try? FileManager.default.removeItem(atPath: run.directory) } }
        for name in ["cluster.yaml", URL(fileURLWithPath: Self.flowsFile(first.directory, format)).lastPathComponent] {
            let a = try Data(contentsOf: URL(fileURLWithPath: first.directory + "/" + name))
            let b = try Data(contentsOf: URL(fileURLWithPath: second.directory + "/" + name))
            let c = try Data(contentsOf: URL(fileURLWithPath: other.directory + "/" + name))
            #expect(!a.isEmpty)
            #expect(a == b, "\(name) differs between two runs with seed 5")
            #expect(a != c, "\(name) is the same for seeds 5 and 6")
        }
    }

    /// Should write the policies of `--dialect`, whatever the format's default.
    @Test func dialectOverridesTheFormatsDefault() throws {
        let (directory, _) = try Self.generate("hubble", extra: ["--dialect", "kubernetes"])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let yaml = try String(contentsOfFile: directory + "/cluster.yaml", encoding: .utf8)
        #expect(yaml.contains("kind: NetworkPolicy\nmetadata: {name: default-deny, namespace: shop}"))
        #expect(!yaml.contains("cilium.io"))
        #expect(!yaml.contains(#""drop_reason_desc":"POLICY_DENY""#))
        #expect(yaml.contains("kind: ReplicaSet") && yaml.contains("pod-template-hash:") && yaml.contains("hostIP: 172.18.0."))
    }

    /// Should repeat `--connections` connections: 300 attempts, 7 distinct (source, destination, port).
    @Test func repeatsConnections() throws {
        let (directory, _) = try Self.generate("calico-log", extra: ["--connections", "7"])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let lines = try String(contentsOfFile: Self.flowsFile(directory, "calico-log"), encoding: .utf8).split(separator: "\n")
        let connections = Set(
            lines.map { line in
                line.split(separator: " ").filter { $0.hasPrefix("SRC=") || $0.hasPrefix("DST=") || $0.hasPrefix("DPT=") }.joined(
                    separator: " ")
            })
        #expect(lines.count == 300)
        #expect(connections.count == 7)
        let zero = try CommandRunner.run([
            "generate", "--pods", "5", "--policies", "5", "--flows", "5", "--format", "hubble", "--connections", "0", "--out", directory,
        ])
        #expect(zero.status == 2)
        #expect(zero.stderr.contains("--connections must be at least 1, not 0."))
    }

    /// Should reject bad options with exit code 2 and a message that quotes the value.
    @Test func rejectsBadOptions() throws {
        let directory = Self.temporaryDirectory()
        let base = ["generate", "--policies", "5", "--flows", "5", "--format", "hubble", "--out", directory]
        let zeroPods = try CommandRunner.run(base + ["--pods", "0"])
        #expect(zeroPods.status == 2)
        #expect(zeroPods.stderr.contains("--pods must be at least 1, not 0."))
        let badFormat = try CommandRunner.run([
            "generate", "--pods", "5", "--policies", "5", "--flows", "5", "--format", "netflow", "--out", directory,
        ])
        #expect(badFormat.status == 2)
        #expect(badFormat.stderr.contains("netflow"))
        let mismatch = try CommandRunner.run(base + ["--pods", "5", "--dialect", "calico"])
        #expect(mismatch.status == 2)
        #expect(mismatch.stderr.contains("--format hubble comes from Cilium"))
        let file = directory + ".file"
        _ = FileManager.default.createFile(atPath: file, contents: Data("x".utf8))
        defer {
            try? FileManager.default.removeItem(atPath: file)
            try? FileManager.default.removeItem(atPath: directory)
        }
        let notDirectory = try CommandRunner.run([
            "generate", "--pods", "5", "--policies", "5", "--flows", "5", "--format", "pcap", "--out", file,
        ])
        #expect(notDirectory.status == 2)
        #expect(notDirectory.stderr.contains("--out \"\(file)\" exists and is not a directory."))
    }
}
