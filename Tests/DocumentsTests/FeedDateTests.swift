import Foundation
import Testing
@testable import Documents

@Suite("Feed dates")
struct FeedDateTests {
    struct Case: Decodable, Sendable, CustomStringConvertible {
        var parser: String
        var input: String
        var expected: [Int]?
        var description: String { "\(parser) \(input)" }
    }

    /// Every case of feedparser's date tests: RFC 822, W3C-DTF, asctime, Perforce, the other
    /// ISO 8601 forms, Greek, Hungarian and Korean.
    static let cases: [Case] = {
        let url = ProjectFiles.sharedTestData.appendingPathComponent("feedparser/dates.json")
        guard let data = try? Data(contentsOf: url), let all = try? JSONDecoder().decode([Case].self, from: data) else { return [] }
        return all
    }()

    /// feedparser's date handler → our format.
    static let formats: [String: FeedDate.Format] = [
        "_parse_date_rfc822": .rfc822, "_parse_date_w3dtf": .w3cdtf, "_parse_date_asctime": .asctime,
        "_parse_date_perforce": .perforce, "_parse_date_iso8601": .iso8601, "_parse_date_greek": .greek,
        "_parse_date_hungarian": .hungarian, "_parse_date_nate": .korean, "_parse_date_onblog": .korean,
    ]

    /// Strings one handler must reject that another legitimately reads, so `FeedDate.parse`
    /// (which tries them all) accepts them: "22013" is not W3C-DTF but is ISO 8601's year 22,
    /// day 13 (feedparser's own `_parse_date` reads it the same way).
    static let readByAnotherFormat: Set<String> = ["22013"]

    @Test func sharedCorpusIsPresentOrSkipped() {
        if Self.cases.isEmpty { print("skipped: ../shared/testdata/feedparser/dates.json is absent") }
        else { #expect(Self.cases.count == 72) }
    }

    static func utc(_ e: [Int]) -> Date? {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        // Built as ISO text so that years before 1583 stay proleptic Gregorian, as in Python.
        let year = String(e[0])
        let iso = String(repeating: "0", count: max(0, 4 - year.count)) + year + "-" + two(e[1]) + "-" + two(e[2])
            + "T" + two(e[3]) + ":" + two(e[4]) + ":" + two(e[5]) + "Z"
        return FeedDate.parseISO8601(iso)
    }

    @Test(arguments: cases)
    func feedparserDateCase(_ c: Case) throws {
        let format = try #require(Self.formats[c.parser], "no format for \(c.parser)")
        let parsed = FeedDate.parse(c.input, as: format)
        let general = FeedDate.parse(c.input)
        guard let expected = c.expected else {
            #expect(parsed == nil, "\(c.input) must be rejected as \(format)")
            if !Self.readByAnotherFormat.contains(c.input) {
                #expect(general == nil, "\(c.input) must be rejected by FeedDate.parse")
            }
            return
        }
        let want = try #require(Self.utc(expected))
        #expect(parsed == want, "\(c.input) as \(format) → \(String(describing: parsed)), expected \(want)")
        #expect(general == want, "\(c.input) → \(String(describing: general)), expected \(want)")
    }

    @Test func swedishSitesFormats() {
        #expect(FeedDate.parse("Wed, 26 Feb 2020 00:00:00 CET") == FeedDate.parse("2020-02-25T23:00:00Z"))
        #expect(FeedDate.parse("Mon, 30 Sep 2019 00:00:00 CEST") == FeedDate.parse("2019-09-29T22:00:00Z"))
        #expect(FeedDate.parse("Tue, 31 Aug 2021 00:00:00 +0200") == FeedDate.parse("2021-08-30T22:00:00Z"))
        #expect(FeedDate.parse("2022-10-05T00:00:00+02:00") == Date(timeIntervalSince1970: 1_664_920_800))
        #expect(FeedDate.parse("30 februari 2020") == nil)
        #expect(FeedDate.parse("Sat, 30 Feb 2020 10:00:00 GMT") == nil)
    }

    @Test(arguments: [
        ("5 oktober 2022", "2022-10-05T00:00:00Z"),
        ("den 5 oktober 2022", "2022-10-05T00:00:00Z"),
        ("5 okt. 2022", "2022-10-05T00:00:00Z"),
        ("onsdag 5 oktober 2022", "2022-10-05T00:00:00Z"),
        ("23 februari 2022 kl. 09.30", "2022-02-23T09:30:00Z"),
        ("5 maj 2022 14:05", "2022-05-05T14:05:00Z"),
        ("1 mars 2021", "2021-03-01T00:00:00Z"),
        ("ons, 5 okt 2022 09:00:00 +0200", "2022-10-05T07:00:00Z"),
        ("5 oktober 2022 09:00 CEST", "2022-10-05T07:00:00Z"),
        ("2022-10-05 09:00", "2022-10-05T09:00:00Z"),
        ("2022-10-05 kl. 09:00", "2022-10-05T09:00:00Z"),
        ("2022-10-05", "2022-10-05T00:00:00Z"),
    ])
    func swedishForms(_ input: String, _ utc: String) {
        #expect(FeedDate.parse(input) == FeedDate.parseISO8601(utc), "\(input)")
        #expect(FeedDate.parse(input) != nil)
    }

    @Test(arguments: [
        "30 februari 2020", "31 april 2022", "29 februari 2023", "5 oktobr 2022", "5 oktober 22x", "32 maj 2022",
        "5 oktober 2022 25:00", "5 oktober", "igår", "2022-02-30", "2022-13-01", "Sun, 99 Jun 2009 12:00:00 GMT",
        "2003-12-31T10:14:55Z trailing", "Thu, 01 Jan 2004 19:48:21 GMT GMT",
    ])
    func impossibleOrIncompleteDatesAreRejected(_ input: String) {
        #expect(FeedDate.parse(input) == nil, "\(input)")
    }

    @Test func leapDaysAreKept() {
        #expect(FeedDate.parse("29 februari 2024") == FeedDate.parseISO8601("2024-02-29T00:00:00Z"))
        #expect(FeedDate.parse("2024-060") == FeedDate.parseISO8601("2024-02-29T00:00:00Z"))
        #expect(FeedDate.parse("2023-366") == nil)
    }
}

/// The byte-level reading of the usual W3C-DTF form against the general scanner it stands in
/// for: on every text it reads, the same date (or the same rejection of an impossible one).
@Suite("Feed dates: the W3C-DTF fast path")
struct FeedDateW3CDTFFastPathTests {
    /// Texts built from the pieces of the form, each piece also in a wrong or unusual shape.
    static let texts: [String] = {
        let dates = ["2022-10-05", "2024-02-29", "2023-02-29", "2022-13-05", "2022-10-32", "0000-01-01", "2022-1-05", "22-10-05", "2022/10/05", "２０２２-10-05"]
        let separators = ["", "T", "t", " ", "  ", "x"]
        let times = ["", "09:00", "09:00:59", "23:59:60", "24:00:00", "24:00:01", "9:00", "09:0", "09:00:5", "25:00"]
        let fractions = ["", ".5", ",123456", ".", ".x"]
        let zones = ["", "Z", "z", " Z", "+02:00", "-05:00", "+0200", "+02", "+2", "+02:0", "+0:200", "+24:00", "+02:60", " CET", "GMT", "UTC+01:00", "−02:00", "+02:00 "]
        var all: [String] = []
        for date in dates {
            for separator in separators {
                for time in times {
                    for fraction in fractions {
                        for zone in zones { all.append(date + separator + time + fraction + zone) }
                    }
                }
            }
        }
        return all
    }()

    @Test func sameResultAsTheScanner() {
        var read = 0
        for text in Self.texts {
            guard let fast = FeedDate.parseCanonicalW3CDTF(text) else { continue }
            read += 1
            #expect(fast == FeedDate.parseISO8601Scanning(text), "\(text)")
        }
        // Most well-made texts take the fast path (the test would pass vacuously otherwise).
        #expect(read > 2_000, "\(read) of \(Self.texts.count) read by the fast path")
    }

    @Test func usualFormsAreRead() throws {
        let date = try #require(FeedDate.parseCanonicalW3CDTF("2022-10-05T09:00:00+02:00") ?? nil)
        #expect(date == Date(timeIntervalSince1970: 1_664_953_200))
        #expect(FeedDate.parseCanonicalW3CDTF("2022-10-05T09:00:00.123Z") != nil)
        #expect(FeedDate.parseCanonicalW3CDTF("2022-10-05") != nil)
        // Impossible: read, and rejected.
        #expect(FeedDate.parseCanonicalW3CDTF("2023-02-29T00:00:00Z") == .some(nil))
        // Not the usual form: left to the scanner.
        #expect(FeedDate.parseCanonicalW3CDTF("2022-10-05T09:00:00 CET") == nil)
        #expect(FeedDate.parseCanonicalW3CDTF("20221005") == nil)
    }
}

/// An element's RFC 822 date read from its captured bytes (`FeedDate.canonicalRFC822(plainBytes:)`,
/// used by `FeedValues.date`) against the general rule it stands in for: the text made a string,
/// its whitespace normalised (`FeedValues.text`), then `FeedDate.parse`. On every text the fast
/// path reads, the same date; texts with other whitespace, non-ASCII letters or another form
/// are left to the general rule.
@Suite("Feed dates: the RFC 822 fast path on bytes")
struct FeedDateRFC822BytesFastPathTests {
    /// Texts built from the pieces of the form, each piece also in a wrong or unusual shape,
    /// with spaces, tabs, line breaks and no-break spaces around and between them.
    static let texts: [String] = {
        let weekdays = ["", "Wed, ", "wed,", "Wed ", "Wed,  ", "Ons, "]
        let days = ["05", "5", "31", "32", "005"]
        let months = [" Oct ", " oct ", "  Oct ", " Okt ", " Maj ", " October ", "\tOct\t", " Oct"]
        let years = ["2022", "22", "1999"]
        let times = [" 09:00:00", " 9:00", " 09:00:5", " 24:00:00", " 09:00:60", "09:00", "  09:00:00"]
        let zones = [
            "", " +0200", " -05:00", " GMT", " gmt", " CEST", " XYZ", " +0200 ", " +02", "\u{A0}+0200", "\n", " Z", " z", " Ut", " cEsT",
            " PDT", " ABCDE", " UTX", " GMT+1", " G@T", " Ö",
        ]
        let ends = ["", " ", "\n", "\u{A0}"]
        var all: [String] = []
        for weekday in weekdays {
            for day in days {
                for month in months {
                    for year in years {
                        for time in times {
                            for zone in zones {
                                for end in ends { all.append(end + weekday + day + month + year + time + zone + end) }
                            }
                        }
                    }
                }
            }
        }
        return all
    }()

    /// The general rule: `FeedValues.text` (normalised, nil when empty), then `FeedDate.parse`.
    static func general(_ text: String) -> Date? {
        let normalized = FeedWhitespace.normalize(text)
        return normalized.isEmpty ? nil : FeedDate.parse(normalized)
    }

    @Test func sameDateAsTheGeneralRule() {
        var read = 0
        for text in Self.texts {
            let fast = Array(text.utf8).withUnsafeBufferPointer { FeedDate.canonicalRFC822(plainBytes: $0) }
            guard let fast else { continue }
            read += 1
            #expect(fast == Self.general(text), "\(text.debugDescription)")
        }
        // Most well-made texts take the fast path (the test would pass vacuously otherwise).
        #expect(read > 1_000, "\(read) of \(Self.texts.count) read by the fast path")
    }

    /// The zones named in letters that the byte path reads (``FeedDate/letterZoneOffset(_:)``):
    /// every zone of the table, in upper, lower and mixed case, with the offset the table
    /// gives; other letters and other bytes left to the general rule.
    @Test func zonesInLettersAsTheTableGivesThem() {
        func fast(_ zone: String) -> Int? { Array(zone.utf8).withUnsafeBufferPointer { FeedDate.letterZoneOffset($0) } }
        for (zone, offset) in FeedDate.zoneOffsets {
            let letters = zone.utf8.allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) } && zone.utf8.count <= 4
            for spelling in [zone, zone.lowercased(), String(zone.enumerated().map { $0.offset % 2 == 0 ? Character($0.element.lowercased()) : $0.element })] {
                #expect(fast(spelling) == (letters ? offset : nil), "\(spelling)")
                if letters { #expect(fast(spelling) == FeedDate.zoneOffset(spelling), "\(spelling)") }
            }
        }
        for other in ["", "XYZ", "GMTX", "ABCDE", "G@T", "G[T", "G`T", "G{T", "Ö", "+0200", "UTX", "CEST "] {
            #expect(fast(other) == nil, "\(other)")
        }
    }

    @Test func usualFormsAreReadAndOthersLeft() {
        func fast(_ text: String) -> Date? { Array(text.utf8).withUnsafeBufferPointer { FeedDate.canonicalRFC822(plainBytes: $0) } }
        #expect(fast("Sat, 26 Nov 2018 06:25:00 GMT") == Date(timeIntervalSince1970: 1_543_213_500))
        #expect(fast("Thu, 24 Feb 2016 10:49:00 +0100") == Self.general("Thu, 24 Feb 2016 10:49:00 +0100"))
        // Whitespace the general rule normalises or trims, and non-ASCII: left to it.
        #expect(fast(" Sat, 26 Nov 2018 06:25:00 GMT") == nil)
        #expect(fast("Sat, 26 Nov 2018 06:25:00 GMT ") == nil)
        #expect(fast("Sat,  26 Nov 2018 06:25:00 GMT") == nil)
        #expect(fast("Sat, 26\tNov 2018 06:25:00 GMT") == nil)
        #expect(fast("Sat, 26\u{A0}Nov 2018 06:25:00 GMT") == nil)
        #expect(fast("") == nil)
        // Another form: left to the general rule.
        #expect(fast("2018-11-26T06:25:00Z") == nil)
    }

    /// Through a whole feed: items whose dates take the fast path and items whose dates do not
    /// get the dates of the general rule.
    @Test func itemsGetTheGeneralRulesDates() throws {
        let dates = ["Sat, 26 Nov 2018 06:25:00 GMT", " Sat, 26 Nov 2018 06:25:00 GMT\n", "Sat,\t26 Nov 2018 06:25:00 +0100", "26 Nov 2018 06:25 CET", "2018-11-26T06:25:00Z", "Sat, 26 Nov 2018 06:25:61 GMT"]
        let items = dates.map { "<item><title>t</title><pubDate>\($0)</pubDate></item>" }.joined()
        let feed = try FeedReader().read(Array("<rss version=\"2.0\"><channel><title>c</title>\(items)</channel></rss>".utf8))
        #expect(feed.items.map(\.published) == dates.map { Self.general($0) })
        #expect(feed.items.first?.published != nil)
    }
}
