import Foundation
import Testing
import StrategyModel

@Suite("Strategy model")
struct StrategyModelTests {
    let evidence = Evidence(sourceURL: "https://x.se/", snapshotSHA256: "ab", locator: "/html/body/p", excerpt: "x")

    @Test(arguments: [
        (PartialDate(year: 2022, month: 2, day: 23), "2022-02-23"),
        (PartialDate(year: 2023, month: 6), "2023-06"),
        (PartialDate(year: 2017), "2017"),
        (PartialDate(year: nil, month: 6, day: 13), "--06-13"),
    ])
    func partialDatesRoundTripAsISOText(date: PartialDate?, text: String) throws {
        let date = try #require(date)
        #expect(date.description == text)
        #expect(PartialDate(iso: text) == date)
        let json = try JSONEncoder().encode([date])
        #expect(String(decoding: json, as: UTF8.self) == "[\"\(text)\"]")
        #expect(try JSONDecoder().decode([PartialDate].self, from: json) == [date])
    }

    @Test func invalidPartialDates() {
        #expect(PartialDate(year: 2022, month: 13) == nil)
        #expect(PartialDate(year: 2022, month: nil, day: 3) == nil)
        #expect(PartialDate(iso: "2022-2") != nil)
        #expect(PartialDate(iso: "22-02-03") == nil)
    }

    @Test func slugs() {
        #expect(Slug.make("Växtplats Blekinge") == "vaxtplats-blekinge")
        #expect(Slug.make("Framtid Västernorrland!") == "framtid-vasternorrland")
        #expect(Slug.make("  Ökat antal företag – 2030 ") == "okat-antal-foretag-2030")
        #expect(Slug.id("kalmar", "Klimat att växa i", "mål", "1") == "kalmar.klimat-att-vaxa-i.mal.1")
        #expect(Slug.child("blekinge.vaxtplats", "area", "Hög livskvalitet") == "blekinge.vaxtplats.area.hog-livskvalitet")
    }

    @Test func excerptsAreShortenedAtAWord() {
        let long = String(repeating: "ord ", count: 100)
        let e = Evidence(sourceURL: "u", snapshotSHA256: "s", locator: "l", excerpt: long)
        #expect(e.excerpt.count <= Evidence.maximumExcerptLength)
        #expect(e.excerpt.hasSuffix("ord…"))
    }

    @Test func profileRoundTripsThroughJSON() throws {
        let strategy = Strategy(
            id: "x.s", title: Fact("S", evidence: evidence), period: Fact(Period(startYear: nil, endYear: 2030), evidence: evidence),
            status: Fact(.adopted, evidence: evidence),
            milestones: [Milestone(kind: .adopted, date: PartialDate(year: 2022, month: 2, day: 23), body: "regionfullmäktige", evidence: evidence)],
            goals: [Goal(id: "x.s.g1", code: "1", title: "Mål", evidence: evidence)]
        )
        let profile = RegionProfile(
            region: Region(id: "x", name: "Ö", countyCode: "99", nutsCode: "SE999", organisation: "Region Ö", website: "https://x.se"),
            strategies: [strategy],
            news: [NewsItem(id: "n", title: "t", link: nil, published: Date(timeIntervalSince1970: 1_582_671_600), summary: nil, evidence: evidence)]
        )
        let data = try StrategyJSON.encoder().encode(profile)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"published\" : \"2020-02-25T23:00:00Z\""))
        #expect(text.contains("\"date\" : \"2022-02-23\""))
        #expect(try StrategyJSON.decoder().decode(RegionProfile.self, from: data) == profile)
        #expect(profile.currentStrategy?.id == "x.s")
    }

    @Test func currentStrategyPrefersAdoptedOverSuperseded() {
        func s(_ id: String, _ end: Int, _ status: StrategyStatus) -> Strategy {
            Strategy(id: id, title: Fact(id, evidence: evidence), period: Fact(Period(startYear: nil, endYear: end), evidence: evidence), status: Fact(status, evidence: evidence))
        }
        let profile = RegionProfile(
            region: Region(id: "x", name: "X", countyCode: "1", nutsCode: "n", organisation: "o", website: "w"),
            strategies: [s("old", 2020, .superseded), s("draft", 2040, .consultation), s("new", 2030, .adopted)]
        )
        #expect(profile.currentStrategy?.id == "new")
    }
}
