import ClusterLoader
import DenyscopeCore
import DenyscopeTestSupport
import PolicyEngine
import Testing

/// Differential tests against np-guard/netpol-analyzer's expected connectivity lists
/// (`fixtures/peers/npguard`, Apache-2.0): for every ordered pair of its peers and every probe
/// (protocol, port), our verdict must equal whether its list allows the connection.
struct NPGuardConnlistTests {
    static let cases = ["netpol-analysis-example-minimal", "acs-security-demos", "ipblockstest"]

    /// Should allow exactly what netpol-analyzer lists, and deny everything else it does not.
    @Test(arguments: cases)
    func agreesWithNetpolAnalyzer(directory: String) throws {
        let state = try ClusterLoader.load(paths: [Fixtures.path("peers/npguard/tests/\(directory)")]).state
        let expected = NPGuardConnectivity(text: try Fixtures.text("peers/npguard/test_outputs/connlist/\(directory)_connlist_output.txt"))
        let engine = PolicyEngine(cluster: state)

        // np-guard names a pod by its direct owner (`ns/name[Kind]`) and lists one line per owner.
        // Host-network pods are left out: the API reference leaves their policy behaviour to the
        // plugin; np-guard selects them like other pods, denyscope treats them as their node
        // (never selected by pod selectors), as most plugins do. HostTests covers our behaviour.
        var peers: [NPGuardConnectivity.Peer: ResolvedEndpoint] = [:]
        for pod in state.pods where !pod.hostNetwork {
            let name = NPGuardConnectivity.Peer.workload("\(pod.namespace)/\(pod.owner?.name ?? pod.name)[\(pod.owner?.kind ?? "Pod")]")
            if peers[name] == nil { peers[name] = try engine.resolve(.named(namespace: pod.namespace, name: pod.name)) }
        }
        // Every external range's first and last address stands for the addresses np-guard groups.
        for external in expected.externalPeers {
            let (first, last) = try #require(NPGuardConnectivity.range(external))
            for address in [first, last] { peers[.external(address)] = try engine.resolve(.ip(address)) }
        }
        let probes = Self.probes(expected, state)
        var mismatches: [String] = []
        for (sourceName, source) in peers {
            for (destinationName, destination) in peers where sourceName != destinationName {
                if case .external = sourceName, case .external = destinationName { continue }
                for (proto, port) in probes {
                    let connection = Connection(source: source, destination: destination, protocol: proto, port: UInt16(port))
                    let ours = engine.evaluate(connection).verdict == .allowed
                    let theirs = expected.allows(from: sourceName, to: destinationName, proto, port)
                    if ours != theirs {
                        mismatches.append(
                            "\(sourceName) => \(destinationName) \(proto.rawValue)/\(port): np-guard \(theirs), denyscope \(ours)")
                    }
                }
            }
        }
        #expect(peers.count > 2)
        #expect(mismatches.sorted().prefix(20) == [], "\(mismatches.count) mismatches")
    }

    /// Every port either side mentions, plus a few that nobody names, for TCP, UDP and SCTP.
    static func probes(_ expected: NPGuardConnectivity, _ state: ClusterState) -> [(IPProtocol, Int)] {
        var ports: Set<Int> = [1, 53, 80, 443, 5353, 8080, 9090, 65535]
        for line in expected.lines {
            for ranges in line.connections.ranges.values {
                for range in ranges {
                    ports.formUnion([range.lowerBound, range.upperBound, max(1, range.lowerBound - 1), min(65535, range.upperBound + 1)])
                }
            }
        }
        for pod in state.pods { ports.formUnion(pod.containerPorts.map { Int($0.port) }) }
        for policy in state.networkPolicies {
            for rule in policy.ingress + policy.egress {
                for port in rule.ports {
                    if case .number(let first) = port.port { ports.formUnion([Int(first), Int(port.endPort ?? first)]) }
                }
            }
        }
        return [IPProtocol.tcp, .udp, .sctp].flatMap { proto in ports.sorted().map { (proto, $0) } }
    }

    /// Should reject the named-port case's manifest as the API server would: its second container
    /// port spells `containerport`, so `containerPort` is missing (np-guard reads it as port 0).
    @Test func rejectsMisspelledContainerPortOfNamedPortCase() {
        let path = Fixtures.path("peers/npguard/tests/netpol_named_port_test")
        #expect {
            try ClusterLoader.load(paths: [path])
        } throws: { error in
            "\(error)".hasSuffix(
                "pods.yaml:31: document 2 (Deployment helloworld/pod-a): spec.template.spec.containers[0].ports[1].containerPort: missing required field"
            )
        }
    }
}
