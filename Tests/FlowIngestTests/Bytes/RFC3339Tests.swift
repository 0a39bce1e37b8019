import FlowIngest
import Testing

/// RFC 3339 timestamps to nanoseconds since the epoch.
struct RFC3339Tests {
    func parse(_ text: String) -> Int64? {
        Array(text.utf8).withUnsafeBytes { RFC3339.nanoseconds($0) }
    }

    /// Should keep every fractional digit Hubble writes and apply offsets.
    @Test(
        arguments: [
            ("1970-01-01T00:00:01Z", 1_000_000_000),
            ("2023-08-21T12:12:18.510175415Z", 1_692_619_938_510_175_415),
            ("2021-11-10T10:41:26.095357Z", 1_636_540_886_095_357_000),
            ("2021-02-01T12:00:00.5+01:00", 1_612_177_200_500_000_000),
            ("2024-02-29T00:00:00z", 1_709_164_800_000_000_000),
            ("1969-12-31T23:59:59Z", -1_000_000_000),
            ("2024-11-19T12:15:03.023805-08:00", 1_732_047_303_023_805_000),
            ("2026-01-01 10:00:00+00:00", 1_767_261_600_000_000_000),
        ] as [(String, Int64)])
    func parsesTimestamps(text: String, nanoseconds: Int64) {
        #expect(parse(text) == nanoseconds)
    }

    /// Should reject dates that do not exist and text that is not RFC 3339.
    @Test(arguments: [
        "2023-13-01T00:00:00Z", "2023-02-29T00:00:00Z", "2023-01-01T24:00:00Z", "2023-01-01T00:00:00",
        "2023-01-01T00:00:00.Z", "2023-01-01T00:00:00.1234567891Z", "2023-01-01", "yesterday",
        "2023-01-01T00:00:00+0100", "2023-01-01T00:00:00Z ", "2023-01-01X00:00:00Z", "2023-01-01T00:00:00*01:00",
    ])
    func rejectsInvalid(text: String) {
        #expect(parse(text) == nil)
    }
}
