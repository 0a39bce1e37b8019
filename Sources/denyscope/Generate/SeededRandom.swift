/// A small, fast, seedable generator (SplitMix64): the same seed gives the same numbers on every
/// machine and every run, which is what makes `denyscope generate` reproducible.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    /// A generator that starts from `seed`.
    init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }

    /// A number in `0..<bound`; `bound` must be positive.
    mutating func next(below bound: Int) -> Int {
        Int(next() % UInt64(max(1, bound)))
    }

    /// `count` lowercase alphanumeric characters, as Kubernetes uses in generated names.
    mutating func name(_ count: Int, alphabet: String = "bcdfghjklmnpqrstvwxz2456789") -> String {
        let characters = Array(alphabet)
        return String((0..<count).map { _ in characters[next(below: characters.count)] })
    }
}
