import Foundation
import Testing
import Documents

@Suite("Feed dates")
struct FeedDateTests {
    struct Case: Decodable, Sendable, CustomStringConvertible {
        var parser: String
        var input: String
        var expected: [Int]?
        var description: String { "\(parser) \(input)" }
    }

    /// The RFC 822 and W3C-DTF cases of feedparser's date tests (the other parsers cover
    /// Greek, Hungarian, Korean and other formats feeds of Swedish regions do not use).
    static let cases: [Case] = {
        let url = ProjectFiles.sharedTestData.appendingPathComponent("feedparser/dates.json")
        guard let data = try? Data(contentsOf: url), let all = try? JSONDecoder().decode([Case].self, from: data) else { return [] }
        return all.filter { ["_parse_date_rfc822", "_parse_date_w3dtf"].contains($0.parser) }
    }()

    @Test func sharedCorpusIsPresentOrSkipped() {
        if Self.cases.isEmpty { print("skipped: ../shared/testdata/feedparser/dates.json is absent") }
        else { #expect(Self.cases.count == 52) }
    }

    @Test(arguments: cases)
    func feedparserDateCase(_ c: Case) {
        let parsed = FeedDate.parse(c.input)
        guard let expected = c.expected else {
            #expect(parsed == nil, "\(c.input) must be rejected")
            return
        }
        let e = expected.map { String($0) }
        func two(_ s: String) -> String { s.count < 2 ? "0" + s : s }
        // Built as ISO text so that years before 1583 stay proleptic Gregorian, as in Python.
        let iso = String(repeating: "0", count: max(0, 4 - e[0].count)) + e[0] + "-" + two(e[1]) + "-" + two(e[2])
            + "T" + two(e[3]) + ":" + two(e[4]) + ":" + two(e[5]) + "Z"
        #expect(parsed != nil, "\(c.input) was not parsed")
        #expect(parsed == FeedDate.parseISO8601(iso), "\(c.input) → \(String(describing: parsed)), expected \(iso)")
    }

    @Test func swedishSitesFormats() {
        #expect(FeedDate.parse("Wed, 26 Feb 2020 00:00:00 CET") == FeedDate.parse("2020-02-25T23:00:00Z"))
        #expect(FeedDate.parse("Mon, 30 Sep 2019 00:00:00 CEST") == FeedDate.parse("2019-09-29T22:00:00Z"))
        #expect(FeedDate.parse("Tue, 31 Aug 2021 00:00:00 +0200") == FeedDate.parse("2021-08-30T22:00:00Z"))
        #expect(FeedDate.parse("2022-10-05T00:00:00+02:00") == Date(timeIntervalSince1970: 1_664_920_800))
        #expect(FeedDate.parse("30 februari 2020") == nil)
        #expect(FeedDate.parse("Sat, 30 Feb 2020 10:00:00 GMT") == nil)
    }
}
