/// Why the data path dropped a packet: Hubble's `DropReason` number and name.
///
/// Either part may be missing: old producers print numbers for names they do not know
/// (`"drop_reason_desc":181`), new reasons appear every release (the name is kept, the number
/// may be unknown). Two reasons are equal when both their number and their name are.
public struct DropReason: Hashable, Sendable, CustomStringConvertible {
    /// The number shared with Cilium's `bpf/lib/common.h` (133, 181, …), when known.
    public let code: Int?
    /// The enum name (`POLICY_DENIED`, …), when known.
    public let name: String?

    /// A reason from whatever the record gave; the missing part is filled from the table of known reasons.
    public init(code: Int?, name: String?) {
        let known = code.flatMap { Self.names[$0] }
        self.code = code ?? name.flatMap { Self.codes[$0] }
        self.name = name ?? known
    }

    /// No allow rule matched: default deny (133).
    public static let policyDenied = DropReason(code: 133, name: "POLICY_DENIED")
    /// An explicit deny rule matched (181).
    public static let policyDeny = DropReason(code: 181, name: "POLICY_DENY")
    /// A mutual-authentication policy was not satisfied (189).
    public static let authRequired = DropReason(code: 189, name: "AUTH_REQUIRED")

    /// The policy denial this reason stands for, or `nil` for a non-policy drop (invalid packet,
    /// stale IP, missing service backend, …).
    public var policyDenial: PolicyDenial? {
        switch code {
        case 133: return .defaultDeny
        case 181: return .explicitDeny
        case 189: return .authRequired
        default: return nil
        }
    }

    /// `POLICY_DENIED (133)`, `181`, `SOME_NEW_REASON`.
    public var description: String {
        switch (name, code) {
        case (let name?, let code?): return "\(name) (\(code))"
        case (let name?, nil): return name
        case (nil, let code?): return String(code)
        case (nil, nil): return "DROP_REASON_UNKNOWN"
        }
    }

    /// Names of the reasons reports mention most (reference/hubble.md §3.3).
    static let names: [Int: String] = [
        130: "INVALID_SOURCE_MAC", 131: "INVALID_DESTINATION_MAC", 132: "INVALID_SOURCE_IP",
        133: "POLICY_DENIED", 134: "INVALID_PACKET_DROPPED", 135: "CT_TRUNCATED_OR_INVALID_HEADER",
        136: "CT_MISSING_TCP_ACK_FLAG", 137: "CT_UNKNOWN_L4_PROTOCOL", 139: "UNSUPPORTED_L3_PROTOCOL",
        140: "MISSED_TAIL_CALL", 142: "UNKNOWN_L4_PROTOCOL", 151: "STALE_OR_UNROUTABLE_IP",
        158: "SERVICE_BACKEND_NOT_FOUND", 165: "NO_CONFIGURATION_AVAILABLE_TO_PERFORM_POLICY_DECISION",
        171: "INVALID_IDENTITY", 176: "FORBIDDEN_ICMPV6_MESSAGE", 177: "DENIED_BY_LB_SRC_RANGE_CHECK",
        181: "POLICY_DENY", 189: "AUTH_REQUIRED", 195: "UNENCRYPTED_TRAFFIC", 198: "DROP_RATE_LIMITED",
        203: "DROP_EP_NOT_READY", 205: "DROP_PUNT_PROXY",
    ]
    static let codes: [String: Int] = Dictionary(names.map { ($0.value, $0.key) }, uniquingKeysWith: { first, _ in first })
}
