/// A calendar date of which only some parts may be known, as documents often give them:
/// "23 februari 2022", "juni 2023", "13 juni" (no year).
///
/// Encoded as ISO 8601 text: `2022-02-23`, `2023-06`, `2020`, `--06-13` (month and day, year
/// unknown).
public struct PartialDate: Codable, Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The year (e.g. 2022); `nil` when the document gives only month and day.
    public var year: Int?
    /// The month, 1–12; `nil` when only the year is known.
    public var month: Int?
    /// The day of the month, 1–31; `nil` when only the year, or year and month, are known.
    public var day: Int?

    /// Creates a date; `month` must be 1...12 and `day` 1...31 when given.
    public init?(year: Int?, month: Int? = nil, day: Int? = nil) {
        if let month, !(1...12).contains(month) { return nil }
        if let day, !(1...31).contains(day) { return nil }
        if year == nil, month == nil { return nil }
        if day != nil, month == nil { return nil }
        if let day, let month {
            let leap = year.map { ($0 % 4 == 0 && $0 % 100 != 0) || $0 % 400 == 0 } ?? true
            let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
            if day > days { return nil }
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses the ISO 8601 forms this type encodes to.
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        if text.hasPrefix("--"), parts.count == 4, let m = Int(parts[2]), let d = Int(parts[3]) {
            self.init(year: nil, month: m, day: d)
            return
        }
        guard let y = Int(parts[0]), parts[0].count == 4 else { return nil }
        switch parts.count {
        case 1: self.init(year: y)
        case 2: guard let m = Int(parts[1]) else { return nil }; self.init(year: y, month: m)
        case 3: guard let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }; self.init(year: y, month: m, day: d)
        default: return nil
        }
    }

    /// The ISO 8601 form: `2022-02-23`, `2023-06`, `2020` or `--06-13`.
    public var description: String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        guard let year else { return "--\(two(month ?? 0))-\(two(day ?? 0))" }
        var text = String(year)
        if let month { text += "-" + two(month) }
        if let day { text += "-" + two(day) }
        return text
    }

    /// Decodes the ISO 8601 text form; other text is a `DecodingError.dataCorrupted`.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = PartialDate(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "Not an ISO 8601 (partial) date: \(text)"))
        }
        self = date
    }

    /// Encodes the date as its ISO 8601 text form (``description``).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Orders by year, month, day; unknown parts sort first.
    public static func < (a: PartialDate, b: PartialDate) -> Bool {
        (a.year ?? 0, a.month ?? 0, a.day ?? 0) < (b.year ?? 0, b.month ?? 0, b.day ?? 0)
    }
}

/// The years a strategy covers, e.g. 2014–2020, or "to 2030" (start unknown).
public struct Period: Codable, Sendable, Hashable, CustomStringConvertible {
    /// The first year covered; `nil` when the documents give only the end ("till 2030").
    public var startYear: Int?
    /// The last year covered (e.g. 2030); `nil` when the documents give only the start.
    public var endYear: Int?

    /// Creates a period; either year may be `nil` (unknown).
    public init(startYear: Int?, endYear: Int?) {
        self.startYear = startYear
        self.endYear = endYear
    }

    /// `2014–2020`, `–2030` (start unknown), `2020–` (end unknown) or `unknown`.
    public var description: String {
        switch (startYear, endYear) {
        case let (s?, e?): "\(s)–\(e)"
        case let (nil, e?): "–\(e)"
        case let (s?, nil): "\(s)–"
        case (nil, nil): "unknown"
        }
    }
}
