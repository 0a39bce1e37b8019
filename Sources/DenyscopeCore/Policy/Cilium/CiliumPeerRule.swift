/// One item of `ingress`, `ingressDeny`, `egress` or `egressDeny`: the peers it covers, AND its ports.
public struct CiliumPeerRule: Hashable, Sendable {
    /// Which peers the rule covers. The `from*`/`to*` peer fields are mutually exclusive.
    public enum Peers: Hashable, Sendable {
        /// No peer field: every peer when `toPorts` or `icmps` is given (an L4-only rule), no peer otherwise.
        case unspecified
        /// `fromEndpoints`/`toEndpoints`: selectors with keys in `source:key` form, namespace already
        /// injected as Cilium does. An empty list selects nothing.
        case endpoints([LabelSelector])
        /// `fromEntities`/`toEntities`.
        case entities([CiliumEntity])
        /// `fromCIDR`, `fromCIDRSet` (and `to…`): blocks with their exceptions. Never match pods or nodes.
        case cidrs([CIDRBlock])
        /// `toServices`: services without selector, decided by their endpoints (not in a snapshot).
        case services([String])
        /// `toFQDNs`: names learned from DNS; decidable only for records that carry DNS names.
        case fqdns([String])
    }

    public let peers: Peers
    /// `fromRequires`/`toRequires`: requirements added to every endpoint selector of every policy
    /// that selects the same endpoint (deprecated; forced empty in Cilium 1.19).
    public let requires: [LabelRequirement]
    /// `toPorts[].ports[]`, flattened; empty means every port (unless `icmps` is given).
    public let ports: [CiliumPort]
    /// `icmps[].fields[]`, flattened.
    public let icmps: [CiliumICMP]
    /// Whether a `toPorts` entry carries L7 `rules`: L4 allows, the proxy decides per request.
    public let hasL7Rules: Bool

    public init(
        peers: Peers, requires: [LabelRequirement] = [], ports: [CiliumPort] = [], icmps: [CiliumICMP] = [],
        hasL7Rules: Bool = false
    ) {
        self.peers = peers
        self.requires = requires
        self.ports = ports
        self.icmps = icmps
        self.hasL7Rules = hasL7Rules
    }
}

/// An address block with exceptions (`ipBlock`, `fromCIDRSet` entry).
public struct CIDRBlock: Hashable, Sendable, CustomStringConvertible {
    public let cidr: CIDR
    public let except: [CIDR]

    public init(cidr: CIDR, except: [CIDR] = []) {
        self.cidr = cidr
        self.except = except
    }

    public func contains(_ address: IPAddress) -> Bool {
        cidr.contains(address) && !except.contains { $0.contains(address) }
    }

    public var description: String {
        except.isEmpty ? "\(cidr)" : "\(cidr) except \(except.map(\.description).joined(separator: ", "))"
    }
}

/// One port of `toPorts`: a number, range or name, and a protocol (`nil` = ANY: TCP, UDP or SCTP).
public struct CiliumPort: Hashable, Sendable, CustomStringConvertible {
    /// `nil` for port `"0"` or no port: every port.
    public let port: PortValue?
    public let endPort: UInt16?
    public let `protocol`: IPProtocol?

    public init(port: PortValue?, endPort: UInt16? = nil, protocol: IPProtocol?) {
        self.port = port
        self.endPort = endPort
        self.protocol = `protocol`
    }

    public var description: String {
        var text: String
        switch port {
        case nil: text = "all ports"
        case .number(let first): text = endPort.map { "\(first)-\($0)" } ?? "\(first)"
        case .named(let name): text = name
        }
        if let proto = `protocol` { text += "/\(proto.rawValue)" }
        return text
    }
}

/// One `icmps` field: an ICMP (IPv4) or ICMPv6 type.
public struct CiliumICMP: Hashable, Sendable, CustomStringConvertible {
    public let `protocol`: IPProtocol
    public let type: UInt8

    public init(protocol: IPProtocol, type: UInt8) {
        self.protocol = `protocol`
        self.type = type
    }

    public var description: String { "\(`protocol`.rawValue) type \(type)" }
}

/// The reserved identities a rule can name in `fromEntities`/`toEntities`.
public enum CiliumEntity: String, Hashable, Sendable, CaseIterable {
    case all, world, cluster, host, `init`, ingress, unmanaged, health, none
    case remoteNode = "remote-node"
    case kubeAPIServer = "kube-apiserver"
}
