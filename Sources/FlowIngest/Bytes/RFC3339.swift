/// Parses RFC 3339 timestamps (`2023-08-21T12:12:18.510175415Z`, `…+02:00`) from bytes into
/// nanoseconds since the Unix epoch, with 0 to 9 fractional digits and no Foundation.
public enum RFC3339 {
    /// The instant in `bytes`, or `nil` when the text is not an RFC 3339 date-time.
    ///
    /// Accepts `T`, `t` or a space between date and time, `Z`/`z` or a `±hh:mm` offset, and up to
    /// nine fractional digits (more digits are rejected rather than rounded). Leap seconds
    /// (`:60`) are accepted and count as the next second.
    public static func nanoseconds(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        // `full-date "T" partial-time` has a fixed width: `yyyy-mm-ddThh:mm:ss`.
        let separator = bytes.count > 19 ? bytes[10] : 0
        guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == UInt8(ascii: " "),
            bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[13] == UInt8(ascii: ":"),
            bytes[16] == UInt8(ascii: ":"), let year = number(bytes, at: 0, digits: 4), let month = number(bytes, at: 5, digits: 2),
            let day = number(bytes, at: 8, digits: 2), let hour = number(bytes, at: 11, digits: 2),
            let minute = number(bytes, at: 14, digits: 2), let second = number(bytes, at: 17, digits: 2)
        else { return nil }
        guard (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month), hour < 24, minute < 60,
            second <= 60
        else { return nil }
        var index = 19
        var fraction: Int64 = 0
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            let digits = index
            while index < bytes.count, isDigit(bytes[index]) {
                guard index - digits < 9 else { return nil }
                fraction = fraction * 10 + Int64(bytes[index] &- UInt8(ascii: "0"))
                index += 1
            }
            guard index > digits else { return nil }
            for _ in index - digits..<9 { fraction *= 10 }
        }
        guard index < bytes.count else { return nil }
        var offsetSeconds = 0
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == bytes.count else { return nil }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard index + 6 == bytes.count, bytes[index + 3] == UInt8(ascii: ":"),
                let offsetHours = number(bytes, at: index + 1, digits: 2), let offsetMinutes = number(bytes, at: index + 4, digits: 2),
                offsetHours < 24, offsetMinutes < 60
            else { return nil }
            offsetSeconds = (bytes[index] == UInt8(ascii: "-") ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60)
        default:
            return nil
        }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetSeconds)
        return seconds * 1_000_000_000 + fraction
    }

    /// The decimal number of `digits` bytes from `start` (within `bytes`), if they are all digits.
    @inline(__always) private static func number(_ bytes: UnsafeRawBufferPointer, at start: Int, digits: Int) -> Int? {
        var value = 0
        for index in start..<start + digits {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
        }
        return value
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's civil-days algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
