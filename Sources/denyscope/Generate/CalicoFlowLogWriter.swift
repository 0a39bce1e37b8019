import DenyscopeCore

/// Writes attempts as Calico Enterprise flow-log records, one JSON object a line
/// (reference/calico-logs.md, flow logs): one record per attempt with `num_flows` 1, the action
/// and reporter of the deciding side, and the policy trace `idx|tier|namespace/name|action|rule`
/// of the engine's decision (`-1` as the rule of an end-of-tier or default deny).
struct CalicoFlowLogWriter: FlowFileWriter {
    private let file: OutputFile
    private let cluster: SyntheticCluster

    init(file: OutputFile, cluster: SyntheticCluster) {
        self.file = file
        self.cluster = cluster
    }

    mutating func write(_ attempt: GeneratedAttempt) throws {
        let side = attempt.reportingSide
        let denied = attempt.decision.verdict == .denied
        let start = attempt.time / 1_000_000_000
        let trace = side.policies.first.map { [Self.trace($0, action: denied ? "deny" : "allow", side: side)] } ?? []
        let policies = trace.map { "\"\($0)\"" }.joined(separator: ",")
        file.write(
            #"{"start_time":\#(start),"end_time":\#(start + 1),\#(endpoint("source", attempt.source)),"source_port":\#(attempt.sourcePort),"#
                + #"\#(endpoint("dest", attempt.destination)),"dest_port":\#(attempt.destinationPort),"proto":"tcp","#
                + #""action":"\#(denied ? "deny" : "allow")","reporter":"\#(side.direction == .ingress ? "dst" : "src")","#
                + #""policies":{"enforced_policies":[\#(policies)],"pending_policies":[]},"bytes_in":\#(denied ? 0 : 60),"bytes_out":60,"#
                + #""num_flows":1,"num_flows_started":1,"num_flows_completed":\#(denied ? 0 : 1),"packets_in":\#(denied ? 0 : 1),"packets_out":1,"#
                + #""host":"\#(cluster.nodeName(cluster.pods[side.direction == .ingress ? attempt.destination : attempt.source].node))"}"#
                + "\n")
    }

    mutating func close() throws {
        try file.close()
    }

    private func endpoint(_ prefix: String, _ index: Int) -> String {
        let pod = cluster.pods[index]
        let app = cluster.apps[pod.app]
        return
            #""\#(prefix)_ip":"\#(pod.ip)","\#(prefix)_name":"\#(pod.name)","\#(prefix)_name_aggr":"\#(app.name)-\#(app.templateHash)-*","#
            + #""\#(prefix)_namespace":"\#(cluster.namespaces[app.namespace])","\#(prefix)_type":"wep","#
            + #""\#(prefix)_labels":{"labels":["app=\#(app.name)","pod-template-hash=\#(app.templateHash)","tier=\#(app.tier)"]}"#
    }

    /// A policy-trace entry: Kubernetes policies as `knp.default.<name>`, Calico ones as `<tier>.<name>`.
    private static func trace(_ policy: PolicyReference, action: String, side: SideDecision) -> String {
        let tier = policy.tier ?? "default"
        let name = policy.kind == .networkPolicy ? "knp.default.\(policy.name)" : "\(tier).\(policy.name)"
        let qualified = policy.namespace.map { "\($0)/\(name)" } ?? name
        let rule = side.reason == .allowedBy || side.reason == .explicitDeny ? policy.rule.map(String.init) ?? "-1" : "-1"
        return "0|\(tier)|\(qualified)|\(action)|\(rule)"
    }
}
