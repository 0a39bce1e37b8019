/// Which kind of event produced a flow record.
///
/// Hubble turns several data-path events into flows (`event_type.type`): one denied packet
/// gives a policy-verdict event and a drop event. Other formats have one kind each.
public struct FlowEvent: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable {
        /// The policy decision for the first packet of a connection (Hubble type 5).
        case policyVerdict = "policy-verdict"
        /// A drop notification (Hubble type 1; `subType` is the drop reason).
        case drop
        /// A trace point (Hubble type 4; `subType` is the observation point).
        case trace
        /// An L7 proxy access log (Hubble type 129).
        case l7
        /// A socket load-balancer trace (Hubble type 7).
        case sock
        /// A capture or debug event (Hubble types 2 and 3).
        case debug
        /// A packet-filter log line (Calico `LOG` rule, `calico-drop`).
        case packetLog = "packet-log"
        /// An aggregated flow-log record (Calico flow logs).
        case flowLog = "flow-log"
        /// A packet of a capture.
        case packet
        /// An event number the adapter does not know, or none in the record.
        case unknown
    }

    public var kind: Kind
    /// The producer's own event number, when it has one (Hubble `event_type.type`).
    public var type: Int?
    /// The producer's sub-type (Hubble `event_type.sub_type`).
    public var subType: Int?

    public init(kind: Kind, type: Int? = nil, subType: Int? = nil) {
        self.kind = kind
        self.type = type
        self.subType = subType
    }

    /// The kind Hubble's `event_type.type` number stands for.
    public static func hubble(type: Int?, subType: Int?) -> FlowEvent {
        let kind: Kind
        switch type {
        case 1: kind = .drop
        case 2, 3: kind = .debug
        case 4: kind = .trace
        case 5: kind = .policyVerdict
        case 7: kind = .sock
        case 129: kind = .l7
        default: kind = .unknown
        }
        return FlowEvent(kind: kind, type: type, subType: subType)
    }

    public var description: String { kind.rawValue }
}
