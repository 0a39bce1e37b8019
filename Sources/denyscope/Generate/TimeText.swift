import Reports

/// Formats times for the generated records without Foundation's date formatters (which are slow
/// and locale-dependent): RFC 3339 in UTC, and the pieces syslog stamps need.
enum TimeText {
    /// The civil date and time of `seconds` since the Unix epoch, in UTC.
    static func civil(_ seconds: Int64) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        Timestamp.civil(seconds: seconds)
    }

    /// `2026-01-01T10:00:00.123456789Z` for a time in nanoseconds since the epoch.
    static func rfc3339(nanoseconds time: Int64, fractionDigits: Int = 9) -> String {
        let date = civil(time / 1_000_000_000)
        var text =
            "\(date.year)-\(pad(date.month, 2))-\(pad(date.day, 2))T\(pad(date.hour, 2)):\(pad(date.minute, 2)):\(pad(date.second, 2))"
        if fractionDigits > 0 {
            var fraction = Int(time % 1_000_000_000)
            for _ in fractionDigits..<9 { fraction /= 10 }
            text += "." + pad(fraction, fractionDigits)
        }
        return text + "Z"
    }

    /// `value` in decimal, zero-padded to `width` digits.
    static func pad(_ value: Int, _ width: Int) -> String { Timestamp.pad(value, width) }
}
