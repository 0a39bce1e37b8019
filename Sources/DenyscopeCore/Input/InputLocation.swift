/// Where in the user's input something was found: file, line (1-based), document, field path;
/// for binary inputs a packet number or a byte offset.
public struct InputLocation: Hashable, Sendable, CustomStringConvertible {
    /// The path as the user gave it, or `<stdin>`.
    public var file: String
    public var line: Int?
    /// The 1-based index of the YAML document in a multi-document stream.
    public var document: Int?
    /// The object the field belongs to, e.g. `NetworkPolicy shop/allow-web`.
    public var object: String?
    /// The field, e.g. `spec.ingress[0].ports[1].port`.
    public var fieldPath: String?
    /// The 1-based packet number in a capture.
    public var packet: Int?
    /// The 0-based byte offset in the file, for inputs without lines or packets.
    public var byteOffset: Int?

    public init(
        file: String, line: Int? = nil, document: Int? = nil, object: String? = nil, fieldPath: String? = nil,
        packet: Int? = nil, byteOffset: Int? = nil
    ) {
        self.file = file
        self.line = line
        self.document = document
        self.object = object
        self.fieldPath = fieldPath
        self.packet = packet
        self.byteOffset = byteOffset
    }

    /// `policies.yaml:42: document 2 (NetworkPolicy shop/web): spec.ingress[0]`,
    /// `capture.pcap: packet 17`, `flows.bin: byte 4096`.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        var context: [String] = []
        if let packet { context.append("packet \(packet)") }
        if let byteOffset, line == nil, packet == nil { context.append("byte \(byteOffset)") }
        if let document { context.append("document \(document)" + (object.map { " (\($0))" } ?? "")) }
        if let fieldPath, !fieldPath.isEmpty { context.append(fieldPath) }
        if !context.isEmpty { text += ": " + context.joined(separator: ": ") }
        return text
    }
}
