/// Writes attempts as syslog `LOG` lines (reference/calico-logs.md §1.3): a denied SYN as Calico
/// Enterprise's `calico-drop:` line (`dropActionOverride: LogAndDrop`, every line a policy denial),
/// an allowed SYN as a `calico-packet:` line of a `Log` rule, which carries no verdict.
struct CalicoLogWriter: FlowFileWriter {
    private let file: OutputFile
    private let cluster: SyntheticCluster
    private var packetID = 0

    init(file: OutputFile, cluster: SyntheticCluster) {
        self.file = file
        self.cluster = cluster
    }

    mutating func write(_ attempt: GeneratedAttempt) throws {
        let source = cluster.pods[attempt.source]
        let destination = cluster.pods[attempt.destination]
        let denied = attempt.decision.verdict == .denied
        let node = attempt.reportingSide.direction == .ingress ? destination.node : source.node
        let date = TimeText.civil(attempt.time / 1_000_000_000)
        let micros = Int(attempt.time % 1_000_000_000 / 1000)
        let stamp =
            "\(date.year)-\(TimeText.pad(date.month, 2))-\(TimeText.pad(date.day, 2))T\(TimeText.pad(date.hour, 2)):"
            + "\(TimeText.pad(date.minute, 2)):\(TimeText.pad(date.second, 2)).\(TimeText.pad(micros, 6))+00:00"
        let interfaceIn = CalicoInterfaceName.of(namespace: cluster.namespace(ofPod: attempt.source), pod: source.name)
        let interfaceOut = CalicoInterfaceName.of(namespace: cluster.namespace(ofPod: attempt.destination), pod: destination.name)
        // Between nodes the packet leaves the source's node on eth0 and enters the destination's on eth0.
        let (inbound, outbound) =
            source.node == destination.node
            ? (interfaceIn, interfaceOut) : node == destination.node ? ("eth0", interfaceOut) : (interfaceIn, "eth0")
        packetID = (packetID + 7919) % 65536
        file.write(
            "\(stamp) \(cluster.nodeName(node)) kernel: \(denied ? "calico-drop" : "calico-packet"): IN=\(inbound) OUT=\(outbound) "
                + "MAC=ee:ee:ee:ee:ee:ee:0a:58:0a:f4:01:0c:08:00 SRC=\(source.ip) DST=\(destination.ip) LEN=60 TOS=0x00 PREC=0x00 "
                + "TTL=63 ID=\(packetID) DF PROTO=TCP SPT=\(attempt.sourcePort) DPT=\(attempt.destinationPort) WINDOW=64860 RES=0x00 SYN URGP=0 "
                + (denied ? "MARK=0xa000000 \n" : "\n"))
    }

    mutating func close() throws {
        try file.close()
    }
}
