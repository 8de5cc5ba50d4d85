public import Foundation

/// Dates as feeds write them: RFC 822/1123 (`Tue, 31 Aug 2021 09:00:00 +0200`, with zone
/// names GMT, UT, UTC, Z, the US zones, CET/CEST, EET/EEST, BST, and military letters) and
/// ISO 8601 / RFC 3339 (`2022-10-05T00:00:00+02:00`, `2022-10-05`). A date without a zone is
/// taken as UTC.
public enum FeedDate {
    /// Parses either form; `nil` when the text is neither or names an impossible date.
    public static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        if let first = trimmed.unicodeScalars.first, CharacterSet.decimalDigits.contains(first), trimmed.count >= 4,
           trimmed.unicodeScalars.prefix(4).allSatisfy({ CharacterSet.decimalDigits.contains($0) }) {
            return parseISO8601(trimmed) ?? parseRFC822(trimmed)
        }
        return parseRFC822(trimmed) ?? parseISO8601(trimmed)
    }

    static let zoneOffsets: [String: Int] = [
        "UT": 0, "UTC": 0, "GMT": 0, "Z": 0, "WET": 0,
        "EST": -5 * 3600, "EDT": -4 * 3600, "CST": -6 * 3600, "CDT": -5 * 3600,
        "MST": -7 * 3600, "MDT": -6 * 3600, "PST": -8 * 3600, "PDT": -7 * 3600,
        "CET": 3600, "CEST": 7200, "MET": 3600, "MEST": 7200, "EET": 7200, "EEST": 10800, "BST": 3600,
        "WEST": 3600, "AT": -4 * 3600, "ET": -5 * 3600, "CT": -6 * 3600, "MT": -7 * 3600, "PT": -8 * 3600,
        "ETC/GMT": 0, "ETC/UTC": 0, "A": -3600, "M": -12 * 3600, "N": 3600, "Y": 12 * 3600,
    ]

    static let weekdays: Set<String> = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// RFC 822 with the usual deviations: weekday optional, two-digit years, seconds optional,
    /// full month names, a missing zone (UTC).
    public static func parseRFC822(_ text: String) -> Date? {
        var tokens = text.replacingOccurrences(of: ",", with: " ").split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard tokens.count >= 3 else { return nil }
        if let first = tokens.first, weekdays.contains(String(first.lowercased().prefix(3))) {
            tokens.removeFirst()
        }
        guard tokens.count >= 3 else { return nil }
        var day: Int
        var monthToken: String
        if let d = Int(tokens[0]) {
            day = d
            monthToken = tokens[1]
        } else if let d = Int(tokens[1]) {
            // "Aug 31 2021" (month first)
            day = d
            monthToken = tokens[0]
        } else {
            return nil
        }
        guard let month = months.firstIndex(of: String(monthToken.lowercased().prefix(3))).map({ $0 + 1 }) else { return nil }
        guard var year = Int(tokens[2]) else { return nil }
        if tokens[2].count == 2 { year += year < 50 ? 2000 : 1900 }
        var hour = 0, minute = 0, second = 0
        var offset = 0
        var rest = Array(tokens.dropFirst(3))
        if let time = rest.first, time.contains(":") {
            let parts = time.split(separator: ":").map { Int($0) }
            guard parts.count == 2 || parts.count == 3, parts.allSatisfy({ $0 != nil }) else { return nil }
            hour = parts[0]!
            minute = parts[1]!
            second = parts.count > 2 ? parts[2]! : 0
            rest.removeFirst()
        }
        if let zone = rest.first {
            guard let parsed = zoneOffset(zone) else { return nil }
            offset = parsed
        }
        return makeDate(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offset: offset)
    }

    static func zoneOffset(_ zone: String) -> Int? {
        if let known = zoneOffsets[zone.uppercased()] { return known }
        // "GMT-01:01", "UTC+0200"
        for prefix in ["GMT", "UTC", "UT"] where zone.uppercased().hasPrefix(prefix) && zone.count > prefix.count {
            return zoneOffset(String(zone.dropFirst(prefix.count)))
        }
        let sign: Int
        switch zone.first {
        case "+": sign = 1
        case "-": sign = -1
        default: return nil
        }
        let digits = zone.dropFirst().replacingOccurrences(of: ":", with: "")
        guard digits.count == 4, digits.allSatisfy(\.isASCII), let value = Int(digits), value % 100 < 60, value / 100 < 24 else { return nil }
        return sign * ((value / 100) * 3600 + (value % 100) * 60)
    }

    /// ISO 8601 / RFC 3339: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, with `T` or a space and a time,
    /// optional fraction, and `Z` or `±hh:mm` / `±hhmm`.
    public static func parseISO8601(_ text: String) -> Date? {
        let scalars = Array(text.unicodeScalars)
        var i = 0
        func number(_ length: Int) -> Int? {
            guard i + length <= scalars.count else { return nil }
            var value = 0
            for k in 0..<length {
                guard let digit = Int(String(scalars[i + k])), scalars[i + k].isASCII else { return nil }
                value = value * 10 + digit
            }
            i += length
            return value
        }
        func eat(_ c: Unicode.Scalar) -> Bool {
            if i < scalars.count, scalars[i] == c { i += 1; return true }
            return false
        }
        guard let year = number(4) else { return nil }
        var month = 1, day = 1, hour = 0, minute = 0, second = 0, offset = 0
        if eat("-") {
            guard let m = number(2) else { return nil }
            month = m
            if eat("-") { guard let d = number(2) else { return nil }; day = d }
        } else if i < scalars.count, let m = number(2) {
            month = m
            guard let d = number(2) else { return nil }
            day = d
        }
        if i < scalars.count, eat("T") || eat(" ") || eat("t") {
            guard let h = number(2), eat(":"), let m = number(2) else { return nil }
            hour = h
            minute = m
            if eat(":") { guard let s = number(2) else { return nil }; second = s }
            if eat(".") || eat(",") { while i < scalars.count, scalars[i].properties.numericType != nil { i += 1 } }
            while i < scalars.count, scalars[i] == " " { i += 1 }
            if i < scalars.count {
                let zone = String(String.UnicodeScalarView(scalars[i...]))
                guard let z = zoneOffset(zone) else { return nil }
                offset = z
                i = scalars.count
            }
        }
        guard i == scalars.count else { return nil }
        return makeDate(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offset: offset)
    }

    static func makeDate(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, offset: Int) -> Date? {
        guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
              (0...23).contains(hour) || (hour == 24 && minute == 0 && second == 0), (0...59).contains(minute), (0...60).contains(second)
        else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + min(second, 59) - offset
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
