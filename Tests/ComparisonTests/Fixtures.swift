import Foundation
import StrategyModel

/// Small hand-written profiles for comparison and report tests.
enum Fixtures {
    static func evidence(_ url: String, _ locator: String, _ excerpt: String) -> Evidence {
        Evidence(sourceURL: url, snapshotSHA256: String(repeating: "a", count: 64), locator: locator, excerpt: excerpt)
    }

    static let alpha: RegionProfile = {
        let url = "https://alfa.se/rus.html"
        let e = { (locator: String, text: String) in evidence(url, locator, text) }
        let strategy = Strategy(
            id: "alfa.rus", title: Fact("Alfa, \"växer\"", evidence: e("/html/body/h1", "Alfa, \"växer\"")),
            period: Fact(Period(startYear: 2020, endYear: 2030), evidence: e("/html/body/p[1]", "2020–2030")),
            status: Fact(.adopted, evidence: e("/html/body/p[2]", "antogs")),
            milestones: [Milestone(kind: .adopted, date: PartialDate(year: 2020, month: 2), body: "regionfullmäktige", evidence: e("/html/body/p[2]", "antogs"))],
            areas: [PriorityArea(id: "alfa.rus.a1", name: "Område | ett", term: "målområde", goals: [
                Goal(id: "alfa.rus.g1", code: "1", title: "Mål ett", subGoals: [Goal(id: "alfa.rus.g1.d1", title: "Delmål", evidence: e("/html/body/ul/li/ul/li", "Delmål"))], evidence: e("/html/body/ul/li", "Mål ett")),
            ], evidence: e("/html/body/h2", "Område | ett"))],
            goals: [Goal(id: "alfa.rus.g2", title: "Mål två", evidence: e("/html/body/ol/li", "Mål två"))],
            frameworks: [FrameworkReference(framework: .agenda2030, evidence: e("/html/body/p[3]", "Agenda 2030"))]
        )
        return RegionProfile(
            region: Region(id: "alfa", name: "Alfa", countyCode: "01", nutsCode: "SE111", organisation: "Region Alfa", website: "https://alfa.se"),
            strategies: [strategy],
            funding: [
                FundingRecord(id: "f1", kind: .total, year: 2024, amountSEK: 24_300_000, fund: "anslag 1:1", evidence: e("/html/body/p[4]", "24,3 mnkr")),
                FundingRecord(id: "f2", kind: .allocation, year: 2024, amountSEK: 1_100_000, goal: nil, note: "mapping unknown", evidence: e("/html/body/ul[2]/li", "1,1 mnkr")),
            ],
            news: [
                NewsItem(id: "n1", title: "Antagen", link: nil, published: Date(timeIntervalSince1970: 1_582_671_600), summary: nil, evidence: evidence("https://alfa.se/rss", "/rss/channel/item[1]", "Antagen")),
                NewsItem(id: "n2", title: "Odaterad", link: nil, published: nil, summary: nil, evidence: evidence("https://alfa.se/rss", "/rss/channel/item[2]", "Odaterad")),
            ],
            sources: [
                SourceRecord(url: url, mediaType: "text/html", charset: "utf-8", sha256: String(repeating: "a", count: 64), origin: "reconstruction"),
                SourceRecord(url: "https://alfa.se/rss", mediaType: "application/rss+xml", charset: "utf-8", sha256: String(repeating: "a", count: 64), origin: "reconstruction"),
            ]
        )
    }()

    /// A region whose documents say almost nothing.
    static let beta = RegionProfile(
        region: Region(id: "beta", name: "Beta", countyCode: "02", nutsCode: "SE222", organisation: "Region Beta", website: "https://beta.se"),
        strategies: []
    )
}
