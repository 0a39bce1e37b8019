/// Whether a connection (or one side of it) is allowed.
public enum Verdict: String, Hashable, Sendable {
    case allowed
    case denied
}
