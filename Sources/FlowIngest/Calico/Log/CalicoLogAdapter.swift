import DenyscopeCore

/// Reads Calico kernel `LOG` lines (`--input-format calico-log`): lines of an iptables or
/// nftables `Log` rule (`calico-packet: IN=…`, or any custom `logPrefix`), Calico Enterprise
/// `dropActionOverride` lines (`calico-drop: IN=…`), and eBPF `Log` rule lines from the trace pipe,
/// in every wrapper of `KernelLogEnvelope` (reference/calico-logs.md §1–§3).
///
/// One line is one record. What a line proves (DESIGN.md §5):
/// - a `Log` rule's line: **no verdict** (`ObservedVerdict.unknown`): a `Log` rule logs whatever
///   reaches it and evaluation goes on. The rule, as far as the prefix names it, is
///   `observed.logRule`, never a policy in `observed.policies`;
/// - `calico-drop`: denied by policy (`dropped`, `policy-denied`); `calico-drop LOGandACCEPT`
///   (`LogAndAccept`): would have been denied (`AUDIT`);
/// - an eBPF line: its final verdict (`ALLOWED` → `FORWARDED`, `DENIED` → `DROPPED`).
///
/// The prefix is everything before ` IN=` (an iptables prefix may be cut before its `: `).
/// Direction: `IN=cali…` is the pod's egress, `OUT=cali…` its ingress, both or neither unknown
/// (§1.4). Endpoints are addresses only (`Endpoint.Kind.unknown`): the snapshot resolves them.
/// Policy chains only see new connections, so each line is a connection attempt; repeats of
/// one 5-tuple (SYN retransmissions) are joined by `AttemptCounter`. Lines without ` IN=` or an
/// eBPF policy marker are skipped (`not_a_packet_log`): a syslog file holds other messages too.
public struct CalicoLogAdapter: LineAdapter {
    /// The cluster's `logPrefix` with placeholders, to read policy names from prefixes; `nil`
    /// keeps prefixes as they are.
    public var prefixTemplate: CalicoLogPrefixTemplate?
    /// The interface name prefix of workload veths (`FelixConfiguration.interfacePrefix`).
    public var workloadInterfacePrefix: String

    public init(prefixTemplate: CalicoLogPrefixTemplate? = nil, workloadInterfacePrefix: String = "cali") {
        self.prefixTemplate = prefixTemplate
        self.workloadInterfacePrefix = workloadInterfacePrefix
    }

    public func makeParser() -> CalicoLogLineParser {
        CalicoLogLineParser(prefixTemplate: prefixTemplate, workloadPrefix: Array(workloadInterfacePrefix.utf8))
    }
}

/// Parses one Calico `LOG` line at a time; created per block of lines.
public struct CalicoLogLineParser: LineRecordParser {
    let prefixTemplate: CalicoLogPrefixTemplate?
    let workloadPrefix: [UInt8]
    var journalSlots: [JSONSpan?] = []
    var hosts = HostNameCache()
    /// The prefixes seen and what they say: lines of one file share a few prefixes.
    var rules = ByteKeyedCache<(rule: OutOfLine<PacketLogRule>, verdict: DropActionVerdict?)>(maxSlots: 256)

    init(prefixTemplate: CalicoLogPrefixTemplate?, workloadPrefix: [UInt8]) {
        self.prefixTemplate = prefixTemplate
        self.workloadPrefix = workloadPrefix
    }

    public mutating func parse(line: UnsafeRawBufferPointer, location: InputLocation) -> RecordOutcome {
        let envelope: KernelLogEnvelope
        do {
            envelope = try KernelLogWrapper.envelope(of: line, journalSlots: &journalSlots, hosts: &hosts)
        } catch {
            return .failed(error.code, error.message)
        }
        switch envelope.message {
        case .range(let range):
            return outcome(message: line.slice(range), envelope: envelope, location: location)
        case .decoded(let bytes):
            return bytes.withUnsafeBytes { outcome(message: $0, envelope: envelope, location: location) }
        }
    }

    private mutating func outcome(message: UnsafeRawBufferPointer, envelope: KernelLogEnvelope, location: InputLocation)
        -> RecordOutcome
    {
        do {
            return try parse(message: message, envelope: envelope, location: location)
        } catch {
            return .failed(error.code, error.message)
        }
    }

    private mutating func parse(message: UnsafeRawBufferPointer, envelope: KernelLogEnvelope, location: InputLocation)
        throws(CalicoRecordError) -> RecordOutcome
    {
        // The flows are built by functions that return them, so that they move into the outcome
        // instead of being copied (a `Flow` holds some twenty references).
        if let start = NetfilterLogPacket.fieldsStart(in: message) {
            let packet = try NetfilterLogPacket(message: message, fieldsStart: start, workloadPrefix: workloadPrefix)
            return .parsed(flow(of: packet, prefix: message.slice(packet.prefix), envelope: envelope, location: location))
        }
        if let marker = EBPFPolicyTraceLine.marker(in: message) {
            guard let trace = try EBPFPolicyTraceLine(message: message, marker: marker) else { return .skipped(.ebpfVerdictOnly) }
            return .parsed(Self.flow(of: trace, envelope: envelope, location: location))
        }
        return .skipped(.notAPacketLog)
    }

    private mutating func flow(
        of packet: NetfilterLogPacket, prefix: UnsafeRawBufferPointer, envelope: KernelLogEnvelope, location: InputLocation
    ) -> Flow {
        let (rule, dropAction) = self.rule(prefix)
        var flow = Flow(
            time: envelope.time, source: Endpoint(kind: .unknown, ip: packet.source),
            destination: Endpoint(kind: .unknown, ip: packet.destination), ipProtocol: packet.ipProtocol,
            sourcePort: packet.sourcePort, destinationPort: packet.destinationPort, icmpType: packet.icmpType,
            icmpCode: packet.icmpCode, tcpFlags: packet.tcpFlags,
            direction: packet.direction, tunnel: packet.tunnel,
            observed: Flow.Observed(verdict: dropAction?.verdict ?? .unknown, denial: dropAction.map { _ in .policy }),
            event: FlowEvent(kind: .packetLog), node: envelope.node, location: location)
        flow.observed.$logRule = rule
        return flow
    }

    private static func flow(of trace: EBPFPolicyTraceLine, envelope: KernelLogEnvelope, location: InputLocation) -> Flow {
        Flow(
            time: envelope.time, source: Endpoint(kind: .unknown, ip: trace.source),
            destination: Endpoint(kind: .unknown, ip: trace.destination), ipProtocol: trace.ipProtocol,
            sourcePort: trace.sourcePort, destinationPort: trace.destinationPort, icmpType: trace.icmpType,
            direction: trace.direction,
            observed: Flow.Observed(verdict: trace.denied ? .dropped : .forwarded, denial: trace.denied ? .policy : nil),
            event: FlowEvent(kind: .packetLog), node: envelope.node, location: location)
    }

    /// What `prefix` says, read once a distinct prefix (the rule boxed once, shared by its lines).
    private mutating func rule(_ prefix: UnsafeRawBufferPointer) -> (rule: OutOfLine<PacketLogRule>, verdict: DropActionVerdict?) {
        rules.value(prefix) { [prefixTemplate] prefix in
            let rule = prefixTemplate?.rule(from: prefix) ?? PacketLogRule(prefix: String(decoding: prefix, as: UTF8.self))
            return (OutOfLine(wrappedValue: rule), DropActionVerdict(prefix: rule.prefix))
        }
    }
}

/// What a Calico Enterprise `dropActionOverride` line says (reference/calico-logs.md §2): the
/// prefix `calico-drop` logs a policy denial, `calico-drop LOGandACCEPT` one let through.
enum DropActionVerdict {
    case logAndDrop
    case logAndAccept

    /// What the line says happened to the packet.
    var verdict: ObservedVerdict { self == .logAndAccept ? .audit : .dropped }

    /// `nil` for prefixes of `Log` rules.
    init?(prefix: String) {
        guard prefix.hasPrefix("calico-drop") else { return nil }
        self = prefix.uppercased().contains("ACCEPT") ? .logAndAccept : .logAndDrop
    }
}

extension SkipReason {
    /// A log line that is not a packet-filter line (other kernel or daemon messages in syslog).
    public static let notAPacketLog = SkipReason(
        code: "not_a_packet_log", explanation: "a log line without packet fields (no ` IN=`), not a Calico LOG line")
    /// An eBPF policy line of an old kernel: the verdict without the packet.
    public static let ebpfVerdictOnly = SkipReason(
        code: "ebpf_verdict_only", explanation: "an eBPF policy line without packet details (kernel < 5.16)")
}
