/// Writes a synthetic cluster snapshot and a traffic file whose verdicts the engine computes on
/// that very snapshot. The same options and seed give byte-identical files.
struct Generator {
    /// What was written.
    struct Summary {
        let files: [String]
        let pods: Int
        let policies: Int
        let flows: Int
        let denied: Int
    }

    let pods: Int
    let policies: Int
    let flows: Int
    /// How many distinct connections the attempts repeat; `nil`: every attempt picks anew.
    let connections: Int?
    let format: InputFormatArgument
    let dialect: GenerateDialect
    let seed: UInt64

    /// Writes `directory/cluster.yaml` and `directory/flows.<ext>`.
    /// - Throws: `GenerateError` when a file cannot be written or the snapshot does not load.
    /// - Complexity: memory in O(pods + policies + distinct application pairs), whatever `flows` is.
    func run(into directory: String) throws -> Summary {
        var random = SeededRandom(seed: seed)
        let cluster = SyntheticCluster(pods: pods, policies: policies, dialect: dialect, random: &random)
        let clusterPath = directory + "/cluster.yaml"
        let clusterFile = try OutputFile(path: clusterPath)
        cluster.writeYAML(to: clusterFile)
        try clusterFile.close()

        var oracle = try SnapshotOracle(snapshot: clusterPath, cluster: cluster)
        var traffic = SyntheticTraffic(cluster: cluster, connections: connections, seed: seed)
        let flowsPath = directory + "/" + format.fileName
        var writer = try makeWriter(path: flowsPath, cluster: cluster)
        var denied = 0
        for _ in 0..<flows {
            let attempt = try traffic.next(oracle: &oracle)
            if attempt.decision.verdict == .denied { denied += 1 }
            try writer.write(attempt)
        }
        try writer.close()
        return Summary(files: [clusterPath, flowsPath], pods: pods, policies: cluster.policies.count, flows: flows, denied: denied)
    }

    private func makeWriter(path: String, cluster: SyntheticCluster) throws -> any FlowFileWriter {
        switch format {
        case .hubble: return HubbleFlowWriter(file: try OutputFile(path: path), cluster: cluster)
        case .calicoLog: return CalicoLogWriter(file: try OutputFile(path: path), cluster: cluster)
        case .calicoFlowlog: return CalicoFlowLogWriter(file: try OutputFile(path: path), cluster: cluster)
        case .pcap: return try PcapFlowWriter(path: path, cluster: cluster)
        }
    }
}
