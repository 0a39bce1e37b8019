/// Where in the user's input something was found: file, line (1-based), document, field path;
/// for binary inputs a packet number or a byte offset.
public struct InputLocation: Hashable, Sendable, CustomStringConvertible {
    /// The path as the user gave it, or `<stdin>`.
    public var file: String
    public var line: Int?
    /// The 1-based packet number in a capture.
    public var packet: Int?
    /// The 1-based index of the YAML document in a multi-document stream.
    public var document: Int? {
        get { context?.document }
        set { $context.update(from: Context()) { $0.document = newValue } }
    }
    /// The object the field belongs to, e.g. `NetworkPolicy shop/allow-web`.
    public var object: String? {
        get { context?.object }
        set { $context.update(from: Context()) { $0.object = newValue } }
    }
    /// The field, e.g. `spec.ingress[0].ports[1].port`.
    public var fieldPath: String? {
        get { context?.fieldPath }
        set { $context.update(from: Context()) { $0.fieldPath = newValue } }
    }
    /// The 0-based byte offset in the file, for inputs without lines or packets.
    public var byteOffset: Int? {
        get { context?.byteOffset }
        set { $context.update(from: Context()) { $0.byteOffset = newValue } }
    }

    /// What only snapshot and binary-input locations have, behind one reference (`nil` when
    /// absent): every flow carries a location, and these took half of its bytes.
    @OutOfLine private var context: Context?

    private struct Context: Hashable, Sendable {
        var document: Int?
        var object: String?
        var fieldPath: String?
        var byteOffset: Int?
    }

    public init(
        file: String, line: Int? = nil, document: Int? = nil, object: String? = nil, fieldPath: String? = nil,
        packet: Int? = nil, byteOffset: Int? = nil
    ) {
        self.file = file
        self.line = line
        self.packet = packet
        let context = Context(document: document, object: object, fieldPath: fieldPath, byteOffset: byteOffset)
        self.context = context == Context() ? nil : context
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
