public import StrategyModel
import Foundation

/// Dates as Swedish documents write them: "23 februari 2022", "den 1 december 2011",
/// "2022-02-23", "juni 2023", "i februari 2020", "13 juni" (no year), "11 sep 2024".
public enum SwedishDate {
    static let months: [(String, Int)] = [
        ("januari", 1), ("februari", 2), ("mars", 3), ("april", 4), ("maj", 5), ("juni", 6), ("juli", 7),
        ("augusti", 8), ("september", 9), ("oktober", 10), ("november", 11), ("december", 12),
        ("jan", 1), ("feb", 2), ("mar", 3), ("apr", 4), ("jun", 6), ("jul", 7), ("aug", 8), ("sep", 9), ("sept", 9),
        ("okt", 10), ("nov", 11), ("dec", 12),
    ]

    /// A date found in text, with where it is.
    public struct Match: Sendable, Hashable {
        /// The date, with only the parts the text gives.
        public var date: PartialDate
        /// Where in the searched text the date is.
        public var range: Range<String.Index>
        /// The date as written ("23 februari 2022").
        public var text: String
    }

    /// Parses a text that is exactly one date (surrounding whitespace and "den" allowed).
    public static func parse(_ text: String) -> PartialDate? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: ".,")))
        let found = all(in: trimmed)
        guard found.count == 1, let only = found.first else { return nil }
        let rest = trimmed.replacingCharacters(in: only.range, with: "").trimmingCharacters(in: .whitespaces)
        return ["", "den", "i"].contains(rest.lowercased()) ? only.date : nil
    }

    /// Every date in `text`, in order. Day-month-year is preferred to month-year, and
    /// ISO dates are found too. A bare year is not a date.
    public static func all(in text: String) -> [Match] {
        var matches: [Match] = []
        let iso = try! NSRegularExpression(pattern: #"(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d-])"#)
        let monthNames = months.map(\.0).sorted { $0.count > $1.count }.joined(separator: "|")
        let named = try! NSRegularExpression(
            pattern: #"(?:(?<![\d])(\d{1,2})\s+)?\b("# + monthNames + #")\b\.?(?:\s+(\d{4})\b)?"#,
            options: [.caseInsensitive]
        )
        let ns = text as NSString
        let whole = NSRange(location: 0, length: ns.length)
        for m in iso.matches(in: text, range: whole) {
            let y = Int(ns.substring(with: m.range(at: 1)))!, mo = Int(ns.substring(with: m.range(at: 2)))!, d = Int(ns.substring(with: m.range(at: 3)))!
            if let date = PartialDate(year: y, month: mo, day: d), let r = Range(m.range, in: text) {
                matches.append(Match(date: date, range: r, text: String(text[r])))
            }
        }
        for m in named.matches(in: text, range: whole) {
            let dayRange = m.range(at: 1), yearRange = m.range(at: 3)
            let day = dayRange.location == NSNotFound ? nil : Int(ns.substring(with: dayRange))
            let year = yearRange.location == NSNotFound ? nil : Int(ns.substring(with: yearRange))
            let name = ns.substring(with: m.range(at: 2)).lowercased()
            guard let month = months.first(where: { $0.0 == name })?.1 else { continue }
            // A short month name ("mar", "jun") alone is too ambiguous ("mar" in prose); require a day or year.
            if name.count <= 4, day == nil, year == nil { continue }
            // "maj" etc. without day and year: a month mentioned, not a date.
            if day == nil, year == nil { continue }
            guard let date = PartialDate(year: year, month: month, day: day), let r = Range(m.range, in: text) else { continue }
            if matches.contains(where: { $0.range.overlaps(r) }) { continue }
            matches.append(Match(date: date, range: r, text: String(text[r])))
        }
        return matches.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// The first date in `text`.
    public static func first(in text: String) -> PartialDate? { all(in: text).first?.date }
}

/// Amounts as Swedish documents write them: "12,3 mnkr", "5 678 520 kr", "22 miljoner kronor",
/// "4,5 Mkr", "1,2 miljarder kronor", "350 tkr". The value is in whole kronor.
public enum SwedishAmount {
    /// An amount found in text, with where it is.
    public struct Match: Sendable, Hashable {
        /// The amount in whole kronor ("12,3 mnkr" is 12 300 000).
        public var kronor: Int
        /// Where in the searched text the amount is.
        public var range: Range<String.Index>
        /// The amount as written ("12,3 mnkr").
        public var text: String
    }

    static let pattern = try! NSRegularExpression(
        pattern: #"(?<![\d,])(\d{1,3}(?:[ \u00A0\u202F]\d{3})+|\d+)(?:,(\d+))?\s*(mnkr|mkr|miljoner kronor|miljoner kr|miljoner|miljon kronor|mdkr|miljarder kronor|miljarder|tkr|tusen kronor|kronor|kr|sek)\b"#,
        options: [.caseInsensitive]
    )

    /// Every amount in `text`, in order.
    public static func all(in text: String) -> [Match] {
        let ns = text as NSString
        return pattern.matches(in: text, range: NSRange(location: 0, length: ns.length)).compactMap { m in
            let whole = ns.substring(with: m.range(at: 1)).filter(\.isNumber)
            let fractionRange = m.range(at: 2)
            let fraction = fractionRange.location == NSNotFound ? "" : ns.substring(with: fractionRange)
            let unit = ns.substring(with: m.range(at: 3)).lowercased()
            let multiplier: Int
            switch unit {
            case "mnkr", "mkr", "miljoner kronor", "miljoner kr", "miljoner", "miljon kronor": multiplier = 1_000_000
            case "mdkr", "miljarder kronor", "miljarder": multiplier = 1_000_000_000
            case "tkr", "tusen kronor": multiplier = 1_000
            default: multiplier = 1
            }
            guard let integer = Int(whole), fraction.count <= 9 else { return nil }
            var value = integer * multiplier
            if !fraction.isEmpty, let f = Int(fraction) {
                var scale = 1
                for _ in 0..<fraction.count { scale *= 10 }
                guard multiplier % scale == 0 || multiplier == 1 else { return nil }
                value += multiplier == 1 ? 0 : f * (multiplier / scale)
            }
            guard let r = Range(m.range, in: text) else { return nil }
            return Match(kronor: value, range: r, text: String(text[r]))
        }
    }

    /// Parses a text that is exactly one amount.
    public static func parse(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: ".")))
        let found = all(in: trimmed)
        guard found.count == 1, let only = found.first, only.text.count == trimmed.count else { return nil }
        return only.kronor
    }
}

/// Periods as strategy titles write them: "2014–2020", "2011-2020", "2020 – 2030", "till 2030",
/// "fram till år 2020". A bare year ("Kalmar län 2030") is not taken as a period here: whether it
/// is an end year is the module's call.
public enum SwedishPeriod {
    static let range = try! NSRegularExpression(pattern: #"(?<![\d-])((?:19|20)\d{2})\s*[–—-]\s*((?:19|20)\d{2})(?![\d-])"#)
    static let until = try! NSRegularExpression(pattern: #"\b(?:till|fram till|mot)\s+(?:år\s+)?((?:19|20)\d{2})\b"#, options: [.caseInsensitive])

    /// Every year range in `text` ("2011–2020", "2011-2020"), in order, without repeats.
    public static func ranges(in text: String) -> [Period] {
        let ns = text as NSString
        var result: [Period] = []
        for m in range.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            let period = Period(startYear: Int(ns.substring(with: m.range(at: 1))), endYear: Int(ns.substring(with: m.range(at: 2))))
            if (period.endYear ?? 0) > (period.startYear ?? 0), !result.contains(period) { result.append(period) }
        }
        return result
    }

    /// The first period in `text`: a year range, else "till YYYY" (start unknown).
    public static func find(in text: String) -> Period? {
        let ns = text as NSString
        let whole = NSRange(location: 0, length: ns.length)
        if let m = range.firstMatch(in: text, range: whole) {
            let start = Int(ns.substring(with: m.range(at: 1)))!, end = Int(ns.substring(with: m.range(at: 2)))!
            if end > start { return Period(startYear: start, endYear: end) }
        }
        if let m = until.firstMatch(in: text, range: whole) {
            return Period(startYear: nil, endYear: Int(ns.substring(with: m.range(at: 1))))
        }
        return nil
    }
}
