/// The side of a connection a policy rule governs: ingress at the destination, egress at the source.
public enum Direction: String, Hashable, Sendable, CaseIterable, Comparable {
    case ingress
    case egress

    public static func < (lhs: Direction, rhs: Direction) -> Bool {
        lhs == .egress && rhs == .ingress
    }
}
