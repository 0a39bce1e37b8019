/// Bad user input: a message and the exact place it was found.
///
/// Renders as `policies.yaml:42: document 2 (NetworkPolicy shop/web): spec.ingress[0].ports[1].port:
/// expected integer or string, got list`.
public struct InputError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A broad category, stable for tests and scripts.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String, Hashable, Sendable {
            case unreadable, syntax, invalidField, invalidValue, unknownReference
        }
        private let value: Value

        /// The file or stream could not be opened or read.
        public static let unreadable = Code(value: .unreadable)
        /// The text is not valid YAML or JSON.
        public static let syntax = Code(value: .syntax)
        /// A field has the wrong type or is missing.
        public static let invalidField = Code(value: .invalidField)
        /// A field has the right type but a value the API rejects.
        public static let invalidValue = Code(value: .invalidValue)
        /// A name (pod, namespace) that the snapshot does not have.
        public static let unknownReference = Code(value: .unknownReference)

        public var description: String { value.rawValue }
    }

    public let code: Code
    public let message: String
    public let location: InputLocation

    public init(_ code: Code, _ message: String, at location: InputLocation) {
        self.code = code
        self.message = message
        self.location = location
    }

    public var description: String { "\(location): \(message)" }
}
