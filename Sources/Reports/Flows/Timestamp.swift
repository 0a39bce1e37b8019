/// RFC 3339 text for integer nanoseconds since the epoch, UTC: `2026-11-23T10:57:28.123456789Z`.
///
/// Days are turned into a civil date with the proleptic Gregorian calendar (Howard Hinnant's
/// `civil_from_days` algorithm), so no calendar object is built per record.
public enum Timestamp {
    /// The civil date and time of `seconds` since the epoch, in UTC.
    public static func civil(seconds: Int64) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        let perDay: Int64 = 86_400
        var days = seconds / perDay
        var rest = seconds % perDay
        if rest < 0 {
            rest += perDay
            days -= 1
        }
        let shifted = days + 719_468  // days since 0000-03-01
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (Int(year), Int(month), Int(day), Int(rest / 3600), Int(rest / 60 % 60), Int(rest % 60))
    }

    public static func rfc3339(nanoseconds: Int64) -> String {
        var seconds = nanoseconds / 1_000_000_000
        var fraction = nanoseconds % 1_000_000_000
        if fraction < 0 {
            fraction += 1_000_000_000
            seconds -= 1
        }
        let date = civil(seconds: seconds)
        var text =
            "\(pad(date.year, 4))-\(pad(date.month, 2))-\(pad(date.day, 2))T\(pad(date.hour, 2)):\(pad(date.minute, 2)):\(pad(date.second, 2))"
        if fraction != 0 { text += "." + pad(Int(fraction), 9) }
        return text + "Z"
    }

    /// `value` in decimal, zero-padded to `width` digits.
    public static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
