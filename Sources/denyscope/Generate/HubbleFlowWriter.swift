import DenyscopeCore

/// Writes attempts as `hubble observe -o json` lines (reference/hubble.md §2.1): the
/// `{"flow":…,"node_name":…,"time":…}` wrapper, a trace event for an allowed SYN, and for a denied
/// one a policy-verdict event followed by its drop event, with `POLICY_DENIED` (133) for a default
/// deny or `POLICY_DENY` (181) and `ingress_denied_by`/`egress_denied_by` for a deny rule.
struct HubbleFlowWriter: FlowFileWriter {
    private let file: OutputFile
    private let cluster: SyntheticCluster
    /// Each pod's endpoint object, built once.
    private var endpoints: [Int: String] = [:]

    init(file: OutputFile, cluster: SyntheticCluster) {
        self.file = file
        self.cluster = cluster
    }

    mutating func write(_ attempt: GeneratedAttempt) throws {
        let side = attempt.reportingSide
        let node = cluster.nodeName(cluster.pods[side.direction == .ingress ? attempt.destination : attempt.source].node)
        let source = endpoint(attempt.source)
        let destination = endpoint(attempt.destination)
        let direction = side.direction == .ingress ? "INGRESS" : "EGRESS"
        guard attempt.decision.verdict == .denied else {
            file.write(
                line(
                    attempt, node: node, source: source, destination: destination, time: attempt.time,
                    body:
                        #""verdict":"FORWARDED","event_type":{"type":4,"sub_type":3},"traffic_direction":"\#(direction)","is_reply":false"#)
            )
            return
        }
        let (code, name) = attempt.isExplicitDeny ? (181, "POLICY_DENY") : (133, "POLICY_DENIED")
        var verdictBody =
            #""verdict":"DROPPED","drop_reason":\#(code),"drop_reason_desc":"\#(name)","event_type":{"type":5},"traffic_direction":"\#(direction)""#
        if attempt.isExplicitDeny {
            let field = side.direction == .ingress ? "ingress_denied_by" : "egress_denied_by"
            verdictBody += #","\#(field)":[\#(side.policies.map(policyJSON).joined(separator: ","))]"#
        }
        file.write(line(attempt, node: node, source: source, destination: destination, time: attempt.time, body: verdictBody))
        let dropBody =
            #""verdict":"DROPPED","drop_reason":\#(code),"drop_reason_desc":"\#(name)","event_type":{"type":1,"sub_type":\#(code)},"traffic_direction":"\#(direction)""#
        file.write(line(attempt, node: node, source: source, destination: destination, time: attempt.time + 1000, body: dropBody))
    }

    mutating func close() throws {
        try file.close()
    }

    private func line(_ attempt: GeneratedAttempt, node: String, source: String, destination: String, time: Int64, body: String) -> String {
        let stamp = TimeText.rfc3339(nanoseconds: time)
        let sourceIP = cluster.pods[attempt.source].ip
        let destinationIP = cluster.pods[attempt.destination].ip
        return #"{"flow":{"time":"\#(stamp)","IP":{"source":"\#(sourceIP)","destination":"\#(destinationIP)","ipVersion":"IPv4"},"#
            + #""l4":{"TCP":{"source_port":\#(attempt.sourcePort),"destination_port":\#(attempt.destinationPort),"flags":{"SYN":true}}},"#
            + #""source":\#(source),"destination":\#(destination),"Type":"L3_L4","node_name":"\#(node)",\#(body),"#
            + #""Summary":"TCP Flags: SYN"},"node_name":"\#(node)","time":"\#(stamp)"}"# + "\n"
    }

    /// A pod's Hubble endpoint: Cilium's endpoint and identity numbers, `k8s:` labels in sorted
    /// order (the `pod-template-hash` label is not part of a Cilium identity), pod and workload.
    private mutating func endpoint(_ index: Int) -> String {
        if let known = endpoints[index] { return known }
        let pod = cluster.pods[index]
        let app = cluster.apps[pod.app]
        let namespace = cluster.namespaces[app.namespace]
        let labels = [
            "k8s:app=\(app.name)", "k8s:io.cilium.k8s.namespace.labels.kubernetes.io/metadata.name=\(namespace)",
            "k8s:io.cilium.k8s.policy.cluster=default", "k8s:io.cilium.k8s.policy.serviceaccount=default",
            "k8s:io.kubernetes.pod.namespace=\(namespace)", "k8s:tier=\(app.tier)",
        ]
        let text =
            #"{"ID":\#(100 + index),"identity":\#(10_000 + pod.app),"namespace":"\#(namespace)","labels":[\#(labels.map { "\"\($0)\"" }.joined(separator: ","))],"#
            + #""pod_name":"\#(pod.name)","workloads":[{"name":"\#(app.name)","kind":"Deployment"}]}"#
        endpoints[index] = text
        return text
    }

    private func policyJSON(_ policy: PolicyReference) -> String {
        let namespace = policy.namespace.map { #","namespace":"\#($0)""# } ?? ""
        return #"{"name":"\#(policy.name)"\#(namespace),"revision":"1","kind":"\#(policy.kind.rawValue)"}"#
    }
}
