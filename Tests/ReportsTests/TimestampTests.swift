import Reports
import Testing

struct TimestampTests {
    /// Should print UTC RFC 3339 with nanoseconds only when there are any, across eras and leap days.
    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00Z"),
        (Int64(1_763_895_448_123_456_789), "2025-11-23T10:57:28.123456789Z"),
        (Int64(951_782_400_000_000_000), "2000-02-29T00:00:00Z"),
        (Int64(-1_000_000_000), "1969-12-31T23:59:59Z"),
        (Int64(4_107_542_400_000_000_000), "2100-03-01T00:00:00Z"),
    ])
    func formats(nanoseconds: Int64, text: String) {
        #expect(Timestamp.rfc3339(nanoseconds: nanoseconds) == text)
    }
}
