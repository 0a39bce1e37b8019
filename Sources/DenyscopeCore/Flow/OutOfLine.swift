/// An optional value kept out of line, behind one reference: `Flow` is copied several times
/// between parsing and aggregation, and details most records lack (peer details, L7, the log
/// rule) took a third of its ~900 bytes inline. The box is immutable, so copies stay values.
@propertyWrapper
public struct OutOfLine<Wrapped: Hashable & Sendable>: Hashable, Sendable {
    private final class Box: Sendable {
        let value: Wrapped

        init(_ value: Wrapped) { self.value = value }
    }

    private var box: Box?

    public init(wrappedValue: Wrapped?) {
        box = wrappedValue.map(Box.init)
    }

    public var wrappedValue: Wrapped? {
        get { box?.value }
        set { box = newValue.map(Box.init) }
    }

    /// The boxed value itself (`$property`): assigning it shares the box instead of allocating
    /// one, for a value that many records repeat.
    public var projectedValue: OutOfLine<Wrapped> {
        get { self }
        set { self = newValue }
    }

    /// The box's identity, `nil` without one: values with the same identity are equal (the box
    /// is immutable), so a table can recognize a shared value without comparing it.
    public var boxIdentity: ObjectIdentifier? { box.map(ObjectIdentifier.init) }

    /// Changes the boxed value, starting from `empty` when there is none; a result equal to
    /// `empty` leaves no box, so that equal values stay equal whichever way they were built.
    public mutating func update(from empty: Wrapped, _ change: (inout Wrapped) -> Void) {
        var changed = wrappedValue ?? empty
        change(&changed)
        wrappedValue = changed == empty ? nil : changed
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.box === rhs.box || lhs.wrappedValue == rhs.wrappedValue
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(wrappedValue)
    }
}
