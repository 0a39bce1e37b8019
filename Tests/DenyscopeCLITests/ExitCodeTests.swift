import DenyscopeTestSupport
import Testing

/// The exit codes of DESIGN.md §4: 0 success, 2 bad usage or input, with a message that says why.
struct ExitCodeTests {
    static let snapshot = "fixtures/cluster/kubectl-get-all/snapshot.yaml"

    static let usageErrors: [(arguments: [String], message: String)] = [
        (
            ["explain", "--from", "a/b", "--to", "c/d", "--port", "80"],
            "Error: Missing --cluster: give at least one snapshot file or directory."
        ),
        (
            ["explain", "--cluster", snapshot, "--from", "shop/db-0"],
            "Error: Give --from and --to (and --port for TCP, UDP or SCTP), or --batch FILE."
        ),
        (
            ["explain", "--cluster", snapshot, "--batch", "-", "--from", "a/b"],
            "Error: --batch reads every query from its input; do not combine it with --from, --to, --port or --icmp-*."
        ),
        (
            ["explain", "--cluster", "fixtures/cluster/manifests-dir", "--from", "shop/web-0", "--to", "default/client", "--port", "1"],
            "Error: The snapshot mixes Cilium and Calico policies; a cluster runs one CNI: choose with --cni cilium or --cni calico."
        ),
        (["explain", "--cluster", snapshot, "--from", "shop/db-0", "--to", "shop/web"], "Error: TCP needs a port"),
        (
            ["explain", "--cluster", snapshot, "--from", "shop/db-0", "--to", "shop/web", "--port", "70000"],
            "Error: port 70000 out of range 1-65535"
        ),
        (
            ["explain", "--cluster", snapshot, "--from", "shop/db-0", "--to", "shop/web", "--port", "80", "--protocol", "GRE"],
            "Error: unknown protocol \"GRE\" (expected TCP, UDP, SCTP, ICMP or ICMPv6)"
        ),
        (["frobnicate"], "Error: Unexpected argument 'frobnicate'"),
    ]

    /// Should exit 2 on bad usage, with the reason first.
    @Test(arguments: usageErrors)
    func usageErrorsExitTwo(arguments: [String], message: String) throws {
        let result = try CommandRunner.run(arguments)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix(message), "stderr: \(result.stderr)")
    }

    /// Should exit 2 for an unknown pod and suggest the names that exist.
    @Test func unknownPodExitsTwoWithSuggestions() throws {
        let result = try CommandRunner.run([
            "explain", "--cluster", Self.snapshot, "--from", "shop/webb", "--to", "shop/db-0", "--port", "5432",
        ])
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "error: the cluster snapshot has no pod or workload shop/webb; did you mean shop/web, shop/web-7c8d9f6b5-9zq7m, shop/web-7c8d9f6b5-x2k4q?\n"
        )
    }

    /// Should exit 2 for a bad snapshot, naming file, line and field.
    @Test func badSnapshotExitsTwo() throws {
        let result = try CommandRunner.run([
            "explain", "--cluster", "fixtures/bad/cluster/bad-cidr.yaml", "--from", "a/b", "--to", "c/d", "--port", "1",
        ])
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "error: fixtures/bad/cluster/bad-cidr.yaml:11: document 1 (NetworkPolicy shop/from-office): spec.ingress[0].from[0].ipBlock.cidr: invalid CIDR \"10.0.0.0/33\"\n"
        )
    }

    /// Should exit 0 for help.
    @Test func helpExitsZero() throws {
        let result = try CommandRunner.run(["explain", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE: denyscope explain"))
    }
}
