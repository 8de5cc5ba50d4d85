public import Foundation

/// Dates as feeds write them, in every form Python's feedparser accepts, plus Swedish ones.
///
/// - W3C-DTF / RFC 3339 (`2022-10-05T00:00:00+02:00`, `2022-10-05`, `2022-10`, `2022`, a space
///   instead of `T`, fractions, no seconds);
/// - RFC 822/1123 with the usual deviations (`Tue, 31 Aug 2021 09:00:00 +0200`: weekday and
///   seconds optional, two-digit years, full month names, zone names GMT, UT, UTC, Z, the US
///   zones, CET/CEST, MET/MEST, EET/EEST, BST, `Etc/GMT`, `GMT+01:00` and military letters);
/// - asctime (`Sun Jan  4 16:29:06 2004`) and the Perforce form (`Fri, 2006/09/15 08:19:53 EDT`);
/// - the other ISO 8601 forms (`031231`, `03-12-31`, `-0312`, ordinal days `2003-335`, `03335`);
/// - Greek, Hungarian and Korean forms feedparser knows;
/// - Swedish: `5 oktober 2022`, `den 5 okt. 2022 kl. 09.00`, `ons, 5 okt 2022 09:00:00 +0200`.
///
/// A date without a zone is taken as UTC (Korean forms as Korean time, +09:00); two-digit years
/// below 50 are 20xx, the others 19xx. An impossible date (`Sun, 99 Jun 2009`, 30 February, hour
/// 25) is rejected, never guessed; so is trailing text.
public enum FeedDate {
    /// One of the forms ``FeedDate`` reads (named after feedparser's date handlers).
    public enum Format: String, Sendable, Hashable, CaseIterable {
        /// W3C-DTF / RFC 3339: `2022-10-05T00:00:00+02:00`, `2022-10`.
        case w3cdtf
        /// RFC 822/1123: `Tue, 31 Aug 2021 09:00:00 +0200`.
        case rfc822
        /// C's asctime: `Sun Jan  4 16:29:06 2004`.
        case asctime
        /// Perforce: `Fri, 2006/09/15 08:19:53 EDT`.
        case perforce
        /// The other ISO 8601 forms: `031231`, `03-12-31`, ordinal days `2003-335`.
        case iso8601
        /// The Greek form feedparser knows.
        case greek
        /// The Hungarian form feedparser knows.
        case hungarian
        /// The Korean forms feedparser knows (Korean time, +09:00, when no zone is given).
        case korean
        /// Swedish: `5 oktober 2022`, `den 5 okt. 2022 kl. 09.00`.
        case swedish
    }

    /// Parses any of the forms; `nil` when the text is none of them or names an impossible date.
    /// (No text is read differently by two forms, so the order they are tried in only matters for
    /// speed: forms that start with a digit first when the text does.)
    public static func parse(_ text: String) -> Date? {
        let trimmed = text.feedTrimmed
        guard let first = trimmed.utf8.first else { return nil }
        // The form nearly every feed writes, read straight from the bytes.
        if let date = parseCanonicalRFC822(trimmed) { return date }
        let order = (0x30...0x39).contains(first) ? digitFirst : letterFirst
        for format in order {
            if let date = parseTrimmed(trimmed, as: format) { return date }
        }
        return nil
    }

    private static let digitFirst: [Format] = [.w3cdtf, .rfc822, .iso8601, .swedish, .korean, .hungarian, .asctime, .perforce, .greek]
    private static let letterFirst: [Format] = [.rfc822, .w3cdtf, .asctime, .perforce, .iso8601, .greek, .hungarian, .korean, .swedish]

    /// Parses `text` as exactly one form.
    public static func parse(_ text: String, as format: Format) -> Date? {
        let trimmed = text.feedTrimmed
        guard !trimmed.isEmpty else { return nil }
        return parseTrimmed(trimmed, as: format)
    }

    private static func parseTrimmed(_ trimmed: String, as format: Format) -> Date? {
        switch format {
        case .w3cdtf: return parseISO8601(trimmed)
        case .rfc822: return parseRFC822(trimmed)
        case .asctime: return parseAsctime(trimmed)
        case .perforce: return parsePerforce(trimmed)
        case .iso8601: return parseISO8601Variants(trimmed)
        case .greek: return parseGreek(trimmed)
        case .hungarian: return parseHungarian(trimmed)
        case .korean: return parseKorean(trimmed)
        case .swedish: return parseSwedish(trimmed)
        }
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

    static func month(_ token: String) -> Int? {
        let lower = token.lowercased()
        guard lower.count >= 3, let index = months.firstIndex(of: String(lower.prefix(3))) else { return nil }
        // "Jan", "January", "Sept", "Sept." — but not "Janx".
        let full = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"][index]
        let word = lower.hasSuffix(".") ? String(lower.dropLast()) : lower
        guard full.hasPrefix(word) else { return nil }
        return index + 1
    }

    // MARK: RFC 822

    /// RFC 822 with the usual deviations: weekday optional, two-digit years, seconds optional,
    /// full month names, month before day (`Thu Aug 30 2012 17:26:16 +0200`), a missing zone (UTC).
    public static func parseRFC822(_ text: String) -> Date? {
        if let date = parseCanonicalRFC822(text) { return date }
        var tokens = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).map(String.init)
        guard tokens.count >= 3 else { return nil }
        if let first = tokens.first, first.count >= 3, weekdays.contains(String(first.lowercased().prefix(3))), Int(first) == nil {
            tokens.removeFirst()
        }
        guard tokens.count >= 3 else { return nil }
        let day: Int
        let monthNumber: Int
        if let d = Int(tokens[0]), let m = month(tokens[1]) {
            day = d
            monthNumber = m
        } else if let m = month(tokens[0]), let d = Int(tokens[1]) {
            day = d
            monthNumber = m
        } else {
            return nil
        }
        guard tokens[2].allSatisfy(\.isASCIIDigit), var year = Int(tokens[2]) else { return nil }
        if tokens[2].count == 2 { year = twoDigitYear(year) }
        var rest = Array(tokens.dropFirst(3))
        var clock = (hour: 0, minute: 0, second: 0)
        if let time = rest.first, time.feedContains(ascii: ":") {
            guard let parsed = parseClock(time) else { return nil }
            clock = parsed
            rest.removeFirst()
        }
        var offset = 0
        if let zone = rest.first {
            guard rest.count == 1, let parsed = zoneOffset(zone) else { return nil }
            offset = parsed
        }
        return makeDate(year: year, month: monthNumber, day: day, hour: clock.hour, minute: clock.minute, second: clock.second, offset: offset)
    }

    /// The form nearly every feed writes, `Wed, 05 Oct 2022 09:00:00 +0200` (weekday and seconds
    /// optional, a numeric zone or a zone name), read straight from the UTF-8 bytes; `nil` for
    /// anything else, which the general reader then tries.
    static func parseCanonicalRFC822(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { parseCanonicalRFC822(bytes: $0) }
    }

    /// ``parseCanonicalRFC822(_:)`` on the UTF-8 bytes of the text.
    static func parseCanonicalRFC822(bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        var cursor = FeedDateBytes(bytes)
        let b = cursor.b
        func isLetter(_ c: UInt8) -> Bool { (0x41...0x5A).contains(c) || (0x61...0x7A).contains(c) }
        if b.count > 4, isLetter(b[0]), isLetter(b[1]), isLetter(b[2]), b[3] == 0x2C {
            cursor.i = 4
            _ = cursor.spaces()
        }
        guard let day = cursor.number(1...2), cursor.spaces(), cursor.i + 3 <= b.count, isLetter(b[cursor.i]), isLetter(b[cursor.i + 1]), isLetter(b[cursor.i + 2]) else { return nil }
        let key = UInt32(b[cursor.i] | 0x20) << 16 | UInt32(b[cursor.i + 1] | 0x20) << 8 | UInt32(b[cursor.i + 2] | 0x20)
        guard let monthIndex = monthKeys.firstIndex(of: key) else { return nil }
        cursor.i += 3
        guard cursor.spaces(), let year = cursor.number(4...4), cursor.spaces(),
              let hour = cursor.number(1...2), cursor.eat(0x3A), let minute = cursor.number(2...2) else { return nil }
        var second = 0
        if cursor.eat(0x3A) { guard let s = cursor.number(2...2) else { return nil }; second = s }
        var offset = 0
        if cursor.spaces(), !cursor.atEnd {
            if let z = numericZoneOffset(cursor.rest) {
                offset = z
            } else if let z = letterZoneOffset(cursor.rest) {
                offset = z
            } else {
                guard let z = zoneOffset(String(decoding: cursor.rest, as: UTF8.self)) else { return nil }
                offset = z
            }
            cursor.i = b.count
        }
        guard cursor.atEnd else { return nil }
        return makeDate(year: year, month: monthIndex + 1, day: day, hour: hour, minute: minute, second: second, offset: offset)
    }

    /// The date of an element's text given as bytes, when they are what the general rule
    /// (``FeedValues/text(_:)``, then ``parse(_:)``) would read the same way, without making
    /// a string of them: printable ASCII and single spaces, with no space at either end (so
    /// normalising the whitespace and trimming change nothing), in the form
    /// ``parseCanonicalRFC822(_:)`` reads, which ``parse(_:)`` tries first. `nil` for anything
    /// else: the caller then takes the general rule (`FeedDateTests` holds the two together).
    static func canonicalRFC822(plainBytes b: UnsafeBufferPointer<UInt8>) -> Date? {
        guard let first = b.first, first != 0x20, b[b.count - 1] != 0x20 else { return nil }
        var previous: UInt8 = 0
        for c in b {
            guard c >= 0x20, c < 0x7F, c != 0x20 || previous != 0x20 else { return nil }
            previous = c
        }
        return parseCanonicalRFC822(bytes: b)
    }

    /// The months' first three letters, packed as in ``parseCanonicalRFC822(_:)``.
    static let monthKeys: [UInt32] = months.map { $0.utf8.reduce(0) { $0 << 8 | UInt32($1) } }

    /// The zones of ``zoneOffsets`` written in one to four ASCII letters, packed as
    /// ``letterZoneKey(_:)`` packs them, with their offsets.
    static let letterZones: [(key: UInt32, offset: Int)] = zoneOffsets.compactMap { zone, offset in
        Array(zone.utf8).withUnsafeBufferPointer { letterZoneKey($0) }.map { ($0, offset) }
    }

    /// One to four ASCII letters packed in upper case, one byte each (no two spellings of
    /// different lengths pack alike: letters are never zero); `nil` for anything else.
    static func letterZoneKey(_ b: UnsafeBufferPointer<UInt8>) -> UInt32? {
        guard b.count >= 1, b.count <= 4 else { return nil }
        var key: UInt32 = 0
        for c in b {
            let upper = c & 0xDF
            guard upper >= 0x41, upper <= 0x5A else { return nil }
            key = key << 8 | UInt32(upper)
        }
        return key
    }

    /// A zone named in letters (`GMT`, `cest`) on bytes: a fast path of ``zoneOffset(_:)``'s
    /// look-up `zoneOffsets[zone.uppercased()]` (for ASCII letters `uppercased()` is the
    /// letters in upper case), without making and upper-casing a string and hashing it. `nil`
    /// when the bytes are not one to four ASCII letters or name no zone of the table: the
    /// caller then takes ``zoneOffset(_:)``.
    static func letterZoneOffset(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let key = letterZoneKey(b) else { return nil }
        for zone in letterZones where zone.key == key { return zone.offset }
        return nil
    }

    /// `+0200`, `-05:00`, `+02` on bytes; `nil` for anything else (``zoneOffset(_:)`` reads
    /// the rest).
    static func numericZoneOffset(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let first = b.first, first == 0x2B || first == 0x2D, b.count <= 6 else { return nil }
        var value = 0
        var digits = 0
        for k in 1..<b.count {
            let c = b[k]
            if c >= 0x30, c <= 0x39 {
                value = value * 10 + Int(c - 0x30)
                digits += 1
            } else if c != 0x3A || k != 3 {
                return nil
            }
        }
        guard digits == 4 || digits == 2 else { return nil }
        if digits == 2 { value *= 100 }
        guard value % 100 < 60, value / 100 < 24 else { return nil }
        return (first == 0x2B ? 1 : -1) * ((value / 100) * 3600 + (value % 100) * 60)
    }

    /// `h:mm`, `hh:mm:ss` (one or two digits each).
    static func parseClock(_ text: String) -> (hour: Int, minute: Int, second: Int)? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3,
              parts.allSatisfy({ (1...2).contains($0.count) && $0.allSatisfy(\.isASCIIDigit) }) else { return nil }
        let numbers = parts.compactMap { Int($0) }
        return (numbers[0], numbers[1], numbers.count > 2 ? numbers[2] : 0)
    }

    static func twoDigitYear(_ year: Int) -> Int { year + (year < 50 ? 2000 : 1900) }

    static func zoneOffset(_ zone: String) -> Int? {
        if let first = zone.utf8.first, first == 0x2B || first == 0x2D { return numericZoneOffset(zone) }
        if let known = zoneOffsets[zone.uppercased()] { return known }
        // "GMT-01:01", "UTC+0200"
        for prefix in ["GMT", "UTC", "UT"] where zone.uppercased().hasPrefix(prefix) && zone.count > prefix.count {
            return zoneOffset(String(zone.dropFirst(prefix.count)))
        }
        return numericZoneOffset(zone)
    }

    /// `+0200`, `-05:00`, `+02`.
    static func numericZoneOffset(_ zone: String) -> Int? {
        let sign: Int
        switch zone.first {
        case "+": sign = 1
        case "-": sign = -1
        default: return nil
        }
        let digits = zone.dropFirst().feedReplacing(ascii: ":", with: "")
        guard digits.count == 4 || digits.count == 2, digits.allSatisfy(\.isASCIIDigit), let raw = Int(digits) else { return nil }
        let value = digits.count == 2 ? raw * 100 : raw
        guard value % 100 < 60, value / 100 < 24 else { return nil }
        return sign * ((value / 100) * 3600 + (value % 100) * 60)
    }

    // MARK: asctime and Perforce

    /// `Sun Jan  4 16:29:06 2004`, `Sun Jul 15 01:16:00 +0000 2012`.
    static func parseAsctime(_ text: String) -> Date? {
        var tokens = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        if let first = tokens.first, weekdays.contains(first.lowercased()) { tokens.removeFirst() }
        guard tokens.count == 4 || tokens.count == 5, let m = month(tokens[0]),
              tokens[1].allSatisfy(\.isASCIIDigit), let day = Int(tokens[1]),
              let clock = parseClock(tokens[2]),
              let yearToken = tokens.last, yearToken.count == 4, yearToken.allSatisfy(\.isASCIIDigit), let year = Int(yearToken) else { return nil }
        var offset = 0
        if tokens.count == 5 {
            guard let z = zoneOffset(tokens[3]) else { return nil }
            offset = z
        }
        return makeDate(year: year, month: m, day: day, hour: clock.hour, minute: clock.minute, second: clock.second, offset: offset)
    }

    /// `Fri, 2006/09/15 08:19:53 EDT`.
    static func parsePerforce(_ text: String) -> Date? {
        var tokens = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).map(String.init)
        if let first = tokens.first, weekdays.contains(first.lowercased()) { tokens.removeFirst() }
        guard tokens.count == 2 || tokens.count == 3 else { return nil }
        let ymd = tokens[0].split(separator: "/", omittingEmptySubsequences: false)
        guard ymd.count == 3, ymd[0].count == 4, ymd.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(\.isASCIIDigit) }),
              let clock = parseClock(tokens[1]) else { return nil }
        var offset = 0
        if tokens.count == 3 {
            guard let z = zoneOffset(tokens[2]) else { return nil }
            offset = z
        }
        return makeDate(year: Int(ymd[0])!, month: Int(ymd[1])!, day: Int(ymd[2])!, hour: clock.hour, minute: clock.minute, second: clock.second, offset: offset)
    }

    // MARK: W3C-DTF

    /// W3C-DTF / RFC 3339: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, with `T` or a space and a time,
    /// optional seconds and fraction, and `Z` or `±hh:mm` / `±hhmm` (a space before the zone is
    /// allowed).
    public static func parseISO8601(_ text: String) -> Date? {
        if let read = parseCanonicalW3CDTF(text) { return read }
        return parseISO8601Scanning(text)
    }

    /// The form Atom and `dc:date` nearly always take, `2022-10-05T09:00:00+02:00` (fraction,
    /// seconds, time and zone optional; `Z` or a numeric zone), read straight from the UTF-8
    /// bytes: what ``parseISO8601Scanning(_:)`` reads from the same text (`.some`, with the date
    /// or `nil` for an impossible one), or `nil` for any other text, which it then reads.
    static func parseCanonicalW3CDTF(_ text: String) -> Date?? {
        var text = text
        return text.withUTF8 { bytes -> Date?? in
            var cursor = FeedDateBytes(bytes)
            guard let year = cursor.number(4...4), cursor.eat(0x2D), let month = cursor.number(2...2), cursor.eat(0x2D), let day = cursor.number(2...2) else { return nil }
            var clock = (hour: 0, minute: 0, second: 0)
            var offset = 0
            if !cursor.atEnd {
                guard cursor.eat(0x54) || cursor.eat(0x20) || cursor.eat(0x74), let hour = cursor.number(2...2), cursor.eat(0x3A), let minute = cursor.number(2...2) else { return nil }
                clock = (hour, minute, 0)
                if cursor.eat(0x3A) { guard let second = cursor.number(2...2) else { return nil }; clock.second = second }
                if cursor.eat(0x2E) || cursor.eat(0x2C) {
                    // A fraction of a second: read, and dropped.
                    guard cursor.number(1...Int.max) != nil else { return nil }
                }
                _ = cursor.spaces()
                // `Z` is UTC (the offset stays 0).
                if !cursor.atEnd, !(cursor.rest.count == 1 && cursor.rest[0] == 0x5A) {
                    guard let z = numericZoneOffset(cursor.rest) else { return nil }
                    offset = z
                }
            }
            return .some(makeDate(year: year, month: month, day: day, hour: clock.hour, minute: clock.minute, second: clock.second, offset: offset))
        }
    }

    /// ``parseISO8601(_:)`` by the general scanner (what ``parseCanonicalW3CDTF(_:)`` is held
    /// against in the tests).
    static func parseISO8601Scanning(_ text: String) -> Date? {
        var scanner = FeedDateScanner(text)
        guard let year = scanner.number(4) else { return nil }
        var month = 1, day = 1
        var clock = (hour: 0, minute: 0, second: 0)
        var offset = 0
        if scanner.eat("-") {
            guard let m = scanner.number(2) else { return nil }
            month = m
            if scanner.eat("-") { guard let d = scanner.number(2) else { return nil }; day = d }
        } else if !scanner.atEnd, let m = scanner.number(2) {
            month = m
            guard let d = scanner.number(2) else { return nil }
            day = d
        }
        if !scanner.atEnd, scanner.eat("T") || scanner.eat(" ") || scanner.eat("t") {
            guard let time = scanner.timeAndZone() else { return nil }
            clock = (time.hour, time.minute, time.second)
            offset = time.offset
        }
        guard scanner.atEnd else { return nil }
        return makeDate(year: year, month: month, day: day, hour: clock.hour, minute: clock.minute, second: clock.second, offset: offset)
    }

    // MARK: Other ISO 8601 forms

    /// The ISO 8601 date forms W3C-DTF leaves out, as feedparser reads them: basic format
    /// (`20031231`), two-digit years (`031231`, `03-12-31`), ordinal days (`2003-335`, `03335`),
    /// year and month with a leading hyphen (`-0312`, `-03-12`), three-digit months
    /// (`2003-012-31`); each optionally followed by a time (`T` optional) and zone. Forms without a
    /// year (`--12-31`) are not read: they would depend on today's date.
    static func parseISO8601Variants(_ text: String) -> Date? {
        for template in isoTemplates {
            var scanner = FeedDateScanner(text)
            guard let date = scanner.match(template) else { continue }
            var clock = (hour: 0, minute: 0, second: 0, offset: 0)
            if !scanner.atEnd {
                _ = scanner.eat("T") || scanner.eat(" ")
                guard let time = scanner.timeAndZone(), scanner.atEnd else { continue }
                clock = time
            }
            guard scanner.atEnd else { continue }
            var year = date.year
            if date.twoDigitYear { year = twoDigitYear(year) }
            if let ordinal = date.ordinal {
                let length = daysIn(month: 2, year: year) == 29 ? 366 : 365
                guard (1...length).contains(ordinal) else { return nil }
                let days = daysFromCivil(year: year, month: 1, day: 1) + ordinal - 1
                guard (0...23).contains(clock.hour), (0...59).contains(clock.minute), (0...60).contains(clock.second) else { return nil }
                let seconds = days * 86_400 + clock.hour * 3600 + clock.minute * 60 + min(clock.second, 59) - clock.offset
                return Date(timeIntervalSince1970: TimeInterval(seconds))
            }
            return makeDate(year: year, month: date.month, day: date.day, hour: clock.hour, minute: clock.minute, second: clock.second, offset: clock.offset)
        }
        return nil
    }

    /// feedparser's templates, in its order; `?` makes the part before it optional.
    static let isoTemplates = [
        "YYYY-?MM-?DD", "YYYY-0MM?-?DD", "YYYY-MM", "YYYY-?OOO", "YY-?MM-?DD", "YY-?OOO", "YYYY", "-YY-?MM",
    ]

    // MARK: Greek, Hungarian, Korean

    static let greekMonths: [String: String] = [
        "Ιαν": "Jan", "Φεβ": "Feb", "Μάώ": "Mar", "Μαώ": "Mar", "Μάρ": "Mar", "Μαρ": "Mar", "Απρ": "Apr", "Μάι": "May",
        "Μαϊ": "May", "Μαι": "May", "Ιούν": "Jun", "Ιον": "Jun", "Ιουν": "Jun", "Ιούλ": "Jul", "Ιολ": "Jul", "Ιουλ": "Jul",
        "Αύγ": "Aug", "Αυγ": "Aug", "Σεπ": "Sep", "Οκτ": "Oct", "Νοέ": "Nov", "Νοε": "Nov", "Δεκ": "Dec",
    ]
    static let greekWeekdays: [String: String] = [
        "Κυρ": "Sun", "Δευ": "Mon", "Τρι": "Tue", "Τετ": "Wed", "Πεμ": "Thu", "Παρ": "Fri", "Σαβ": "Sat",
    ]

    /// `Κυρ, 11 Ιούλ 2004 12:00:00 EST`: Greek day and month names in RFC 822.
    static func parseGreek(_ text: String) -> Date? {
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard tokens.count == 6, tokens[0].hasSuffix(","),
              let weekday = greekWeekdays[String(tokens[0].dropLast())], let month = greekMonths[tokens[2]] else { return nil }
        return parseRFC822([weekday + ",", tokens[1], month, tokens[3], tokens[4], tokens[5]].joined(separator: " "))
    }

    static let hungarianMonths: [String: Int] = [
        "január": 1, "február": 2, "februári": 2, "március": 3, "április": 4, "május": 5, "máujus": 5,
        "június": 6, "július": 7, "augusztus": 8, "szeptember": 9, "október": 10, "november": 11, "december": 12,
    ]

    /// `2004-július-13T9:15-05:00`.
    static func parseHungarian(_ text: String) -> Date? {
        let parts = text.split(separator: "-", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, let year = Int(parts[0]),
              let month = hungarianMonths[parts[1].lowercased()] else { return nil }
        let rest = parts[2]
        guard let t = rest.firstIndex(of: "T") else { return nil }
        let dayText = rest[..<t]
        guard (1...2).contains(dayText.count), dayText.allSatisfy(\.isASCIIDigit), let day = Int(dayText) else { return nil }
        let timeAndZone = rest[rest.index(after: t)...]
        guard let signIndex = timeAndZone.firstIndex(where: { $0 == "+" || $0 == "-" }),
              let clock = parseClock(String(timeAndZone[..<signIndex])),
              let offset = zoneOffset(String(timeAndZone[signIndex...])) else { return nil }
        return makeDate(year: year, month: month, day: day, hour: clock.hour, minute: clock.minute, second: clock.second, offset: offset)
    }

    /// `2004-05-25 오후 11:23:17` (Nate) and `2004년 05월 28일  01:31:15` (OnBlog), Korean time.
    static func parseKorean(_ text: String) -> Date? {
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        let korea = 9 * 3600
        if tokens.count == 3, tokens[1] == "오전" || tokens[1] == "오후" {
            let ymd = tokens[0].split(separator: "-", omittingEmptySubsequences: false)
            guard ymd.count == 3, ymd[0].count == 4, ymd[1].count == 2, ymd[2].count == 2,
                  ymd.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }), var clock = parseClock(tokens[2]), (1...12).contains(clock.hour) else { return nil }
            clock.hour = clock.hour % 12 + (tokens[1] == "오후" ? 12 : 0)
            return makeDate(year: Int(ymd[0])!, month: Int(ymd[1])!, day: Int(ymd[2])!, hour: clock.hour, minute: clock.minute, second: clock.second, offset: korea)
        }
        if tokens.count == 4, tokens[0].hasSuffix("년"), tokens[1].hasSuffix("월"), tokens[2].hasSuffix("일") {
            let numbers = tokens[0..<3].map { $0.dropLast() }
            guard numbers[0].count == 4, numbers.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }),
                  let clock = parseClock(tokens[3]) else { return nil }
            return makeDate(year: Int(numbers[0])!, month: Int(numbers[1])!, day: Int(numbers[2])!, hour: clock.hour, minute: clock.minute, second: clock.second, offset: korea)
        }
        return nil
    }

    // MARK: Swedish

    static let swedishMonths: [String: Int] = [
        "januari": 1, "jan": 1, "februari": 2, "feb": 2, "mars": 3, "mar": 3, "april": 4, "apr": 4, "maj": 5,
        "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augusti": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
        "oktober": 10, "okt": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    ]
    static let swedishWeekdays: Set<String> = [
        "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag",
        "mån", "tis", "ons", "tor", "tors", "fre", "lör", "sön",
    ]

    /// `5 oktober 2022`, `den 5 okt. 2022`, `onsdag 5 oktober 2022 kl. 09.00`,
    /// `ons, 5 okt 2022 09:00:00 +0200`, `2022-10-05 kl. 09:00`.
    static func parseSwedish(_ text: String) -> Date? {
        var tokens = text.lowercased()
            .split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\u{A0}" || $0 == "," }).map(String.init)
        if let first = tokens.first, swedishWeekdays.contains(first.hasSuffix(".") ? String(first.dropLast()) : first) { tokens.removeFirst() }
        if tokens.first == "den" { tokens.removeFirst() }
        tokens.removeAll { $0 == "kl." || $0 == "kl" || $0 == "klockan" }
        guard let first = tokens.first else { return nil }
        // ISO date with a Swedish "kl." before the time.
        if first.count == 10, tokens.count <= 3, parseISO8601(first) != nil {
            let time = tokens.dropFirst().first.map { $0.feedReplacing(ascii: ".", with: ":") }
            let zone = tokens.count == 3 ? tokens[2] : nil
            guard let time else { return parseISO8601(first) }
            guard let clock = parseClock(time) else { return nil }
            let offset: Int
            if let zone { guard let z = zoneOffset(zone) else { return nil }; offset = z } else { offset = 0 }
            var scanner = FeedDateScanner(first)
            guard let y = scanner.number(4), scanner.eat("-"), let m = scanner.number(2), scanner.eat("-"), let d = scanner.number(2) else { return nil }
            return makeDate(year: y, month: m, day: d, hour: clock.hour, minute: clock.minute, second: clock.second, offset: offset)
        }
        guard tokens.count >= 3, tokens.count <= 5, tokens[0].allSatisfy(\.isASCIIDigit), (1...2).contains(tokens[0].count),
              let day = Int(tokens[0]) else { return nil }
        let monthToken = tokens[1].hasSuffix(".") ? String(tokens[1].dropLast()) : tokens[1]
        guard let month = swedishMonths[monthToken], tokens[2].count == 4, tokens[2].allSatisfy(\.isASCIIDigit), let year = Int(tokens[2]) else { return nil }
        var clock = (hour: 0, minute: 0, second: 0)
        var offset = 0
        if tokens.count >= 4 {
            guard let parsed = parseClock(tokens[3].feedReplacing(ascii: ".", with: ":")) else { return nil }
            clock = parsed
        }
        if tokens.count == 5 {
            guard let z = zoneOffset(tokens[4]) else { return nil }
            offset = z
        }
        return makeDate(year: year, month: month, day: day, hour: clock.hour, minute: clock.minute, second: clock.second, offset: offset)
    }

    // MARK: Calendar

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

/// A cursor over a date's UTF-8 bytes, for the forms read straight from the bytes
/// (``FeedDate/parseCanonicalRFC822(_:)``, ``FeedDate/parseCanonicalW3CDTF(_:)``).
struct FeedDateBytes {
    let b: UnsafeBufferPointer<UInt8>
    var i = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { b = bytes }

    var atEnd: Bool { i >= b.count }
    /// The bytes from the cursor on.
    var rest: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: b[i...]) }

    /// The ASCII digits at the cursor, at most `lengths.upperBound` of them, as a number; `nil`
    /// when there are fewer than `lengths.lowerBound`.
    mutating func number(_ lengths: ClosedRange<Int>) -> Int? {
        var value = 0
        var k = 0
        while i < b.count, k < lengths.upperBound, b[i] >= 0x30, b[i] <= 0x39 {
            value = value &* 10 &+ Int(b[i] - 0x30)
            i += 1
            k += 1
        }
        return lengths.contains(k) ? value : nil
    }

    mutating func eat(_ c: UInt8) -> Bool {
        guard i < b.count, b[i] == c else { return false }
        i += 1
        return true
    }

    /// Skips spaces; whether there were any.
    mutating func spaces() -> Bool {
        let start = i
        while i < b.count, b[i] == 0x20 { i += 1 }
        return i > start
    }
}

/// Reads fixed-width ASCII digits and literals off the front of a date.
struct FeedDateScanner {
    let scalars: [Unicode.Scalar]
    var i = 0

    init(_ text: String) { scalars = Array(text.unicodeScalars) }

    var atEnd: Bool { i >= scalars.count }

    mutating func number(_ length: Int) -> Int? {
        guard i + length <= scalars.count else { return nil }
        var value = 0
        for k in 0..<length {
            let s = scalars[i + k]
            guard s.value >= 48, s.value <= 57 else { return nil }
            value = value * 10 + Int(s.value - 48)
        }
        i += length
        return value
    }

    mutating func eat(_ c: Unicode.Scalar) -> Bool {
        if i < scalars.count, scalars[i] == c { i += 1; return true }
        return false
    }

    private func digit(at p: Int, in range: ClosedRange<UInt32>) -> Bool {
        p < scalars.count && range.contains(scalars[p].value)
    }

    /// `hh:mm[:ss][.fff][ ][Z|±hh[:mm]|±hhmm]`.
    mutating func timeAndZone() -> (hour: Int, minute: Int, second: Int, offset: Int)? {
        guard let h = number(2), eat(":"), let m = number(2) else { return nil }
        var s = 0
        if eat(":") { guard let sec = number(2) else { return nil }; s = sec }
        if eat(".") || eat(",") {
            let start = i
            while digit(at: i, in: 48...57) { i += 1 }
            guard i > start else { return nil }
        }
        while i < scalars.count, scalars[i] == " " { i += 1 }
        var offset = 0
        if i < scalars.count {
            let zone = String(String.UnicodeScalarView(scalars[i...]))
            guard let z = FeedDate.zoneOffset(zone) else { return nil }
            offset = z
            i = scalars.count
        }
        return (h, m, s, offset)
    }

    struct TemplateDate { var year = 0, month = 1, day = 1; var ordinal: Int?; var twoDigitYear = false }

    /// Matches a template such as `YYYY-?MM-?DD` at the front; `nil` when it does not match.
    mutating func match(_ template: String) -> TemplateDate? {
        var date = TemplateDate()
        let t = Array(template)
        var k = 0
        func optional(after end: Int) -> Bool { end < t.count && t[end] == "?" }
        while k < t.count {
            if t[k...].starts(with: "YYYY") {
                guard let y = number(4) else { return nil }
                date.year = y; k += 4
            } else if t[k...].starts(with: "YY") {
                guard let y = number(2) else { return nil }
                date.year = y; date.twoDigitYear = true; k += 2
            } else if t[k...].starts(with: "MM") {
                let isOptional = optional(after: k + 2)
                if digit(at: i, in: 48...49), digit(at: i + 1, in: 48...57) {
                    date.month = number(2)!
                } else if !isOptional {
                    return nil
                }
                k += isOptional ? 3 : 2
            } else if t[k...].starts(with: "DD") {
                guard digit(at: i, in: 48...51), let d = number(2) else { return nil }
                date.day = d; k += 2
            } else if t[k...].starts(with: "OOO") {
                guard digit(at: i, in: 48...51), let o = number(3) else { return nil }
                date.ordinal = o; k += 3
            } else {
                let literal = t[k].unicodeScalars.first!
                if optional(after: k + 1) {
                    _ = eat(literal)
                    k += 2
                } else {
                    guard eat(literal) else { return nil }
                    k += 1
                }
            }
        }
        return date
    }
}

fileprivate extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
