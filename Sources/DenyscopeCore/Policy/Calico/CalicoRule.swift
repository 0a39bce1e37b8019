/// One rule of a Calico policy: an action, and criteria that must all hold.
public struct CalicoRule: Hashable, Sendable {
    public enum Action: String, Hashable, Sendable {
        case allow = "Allow"
        case deny = "Deny"
        /// Logs and goes on with the next rule.
        case log = "Log"
        /// Leaves the tier for the next one.
        case pass = "Pass"
    }

    public let action: Action
    /// `ipVersion`: 4 or 6.
    public let ipVersion: Int?
    /// `protocol`/`notProtocol` as IP protocol numbers (TCP 6, UDP 17, ICMP 1, ICMPv6 58, SCTP 132, UDPLite 136).
    public let protocolNumber: UInt8?
    public let notProtocolNumber: UInt8?
    public let icmp: CalicoICMPMatch?
    public let notICMP: CalicoICMPMatch?
    public let source: CalicoEntityRule
    public let destination: CalicoEntityRule
    /// An `http` match (application layer): the L3/L4 engine cannot see it.
    public let hasHTTPMatch: Bool

    public init(
        action: Action, ipVersion: Int? = nil, protocolNumber: UInt8? = nil, notProtocolNumber: UInt8? = nil,
        icmp: CalicoICMPMatch? = nil, notICMP: CalicoICMPMatch? = nil, source: CalicoEntityRule = CalicoEntityRule(),
        destination: CalicoEntityRule = CalicoEntityRule(), hasHTTPMatch: Bool = false
    ) {
        self.action = action
        self.ipVersion = ipVersion
        self.protocolNumber = protocolNumber
        self.notProtocolNumber = notProtocolNumber
        self.icmp = icmp
        self.notICMP = notICMP
        self.source = source
        self.destination = destination
        self.hasHTTPMatch = hasHTTPMatch
    }
}

/// `source` or `destination` of a Calico rule. Every field present must hold.
public struct CalicoEntityRule: Hashable, Sendable {
    public let nets: [CIDR]
    public let notNets: [CIDR]
    /// Matches Calico endpoints and network sets with these labels (never raw addresses).
    public let selector: CalicoSelector?
    /// Matches everything except endpoints and network sets with these labels.
    public let notSelector: CalicoSelector?
    /// Over namespace labels; `all()` every namespace, `global()` only non-namespaced sets.
    public let namespaceSelector: CalicoSelector?
    /// `serviceAccounts.names`.
    public let serviceAccountNames: [String]
    /// `serviceAccounts.selector` over service account labels (`projectcalico.org/name` is the name).
    public let serviceAccountSelector: CalicoSelector?
    /// `services`: `namespace/name`; backed by endpoints the snapshot does not hold.
    public let service: String?
    public let ports: [CalicoPort]
    public let notPorts: [CalicoPort]

    public init(
        nets: [CIDR] = [], notNets: [CIDR] = [], selector: CalicoSelector? = nil, notSelector: CalicoSelector? = nil,
        namespaceSelector: CalicoSelector? = nil, serviceAccountNames: [String] = [], serviceAccountSelector: CalicoSelector? = nil,
        service: String? = nil,
        ports: [CalicoPort] = [], notPorts: [CalicoPort] = []
    ) {
        self.nets = nets
        self.notNets = notNets
        self.selector = selector
        self.notSelector = notSelector
        self.namespaceSelector = namespaceSelector
        self.serviceAccountNames = serviceAccountNames
        self.serviceAccountSelector = serviceAccountSelector
        self.service = service
        self.ports = ports
        self.notPorts = notPorts
    }

    /// Whether the rule names endpoints by labels (so only known endpoints and sets can match).
    public var usesSelectors: Bool {
        selector != nil || namespaceSelector != nil || !serviceAccountNames.isEmpty || serviceAccountSelector != nil
    }
}

/// A port of `ports`/`notPorts`: a number, an inclusive range `8000:9000`, or a named port.
public enum CalicoPort: Hashable, Sendable, CustomStringConvertible {
    case range(PortRange)
    case named(String)

    public var description: String {
        switch self {
        case .range(let range): return range.lower == range.upper ? "\(range.lower)" : "\(range.lower):\(range.upper)"
        case .named(let name): return name
        }
    }
}

/// `icmp`/`notICMP`: a type, and optionally a code.
public struct CalicoICMPMatch: Hashable, Sendable, CustomStringConvertible {
    public let type: UInt8
    public let code: UInt8?

    public init(type: UInt8, code: UInt8? = nil) {
        self.type = type
        self.code = code
    }

    public var description: String { "type \(type)" + (code.map { " code \($0)" } ?? "") }
}
