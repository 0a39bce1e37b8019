/// Formats times for the generated records without Foundation's date formatters (which are slow
/// and locale-dependent): RFC 3339 in UTC, and the pieces syslog stamps need.
enum TimeText {
    /// The civil date and time of `seconds` since the Unix epoch, in UTC.
    static func civil(_ seconds: Int64) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        let days = Int(seconds / 86_400)
        let rest = Int(seconds % 86_400)
        // Civil date from days since the epoch (Howard Hinnant's algorithm).
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day, rest / 3600, rest / 60 % 60, rest % 60)
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
    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
