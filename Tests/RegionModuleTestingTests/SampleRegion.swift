import Foundation
import RegionSupport
import StrategyModel

/// A small region module over a two-file snapshot written at test time, with one switch per
/// way of breaking an invariant, so that the tests can show each invariant failing.
struct SampleRegion: RegionModule {
    /// One way of breaking the module, named after the invariant it breaks.
    enum Flaw: String, CaseIterable, Sendable {
        case noOrganisation, badSourceURL, fileNotInManifest, changedFile, throwsOnRead, noPeriod
        case misquoted, locatorSelectsNothing, foreignEvidence, duplicateIDs, randomIDs, emptyName
        case reversedPeriod, impossibleYear, changingText, factsWithoutDocuments
    }

    static let pageURL = "https://example.org/strategi/"
    static let feedURL = "https://example.org/nyheter.rss"

    static let page = """
        <!DOCTYPE html>
        <html lang="sv"><head><meta charset="utf-8"><title>Exempelstrategi</title></head>
        <body><main>
        <h1>Exempelstrategi 2021–2030</h1>
        <p>Strategin gäller för perioden 2021–2030 och antogs av regionfullmäktige.</p>
        <h2>Insatsområden</h2>
        <ul><li>Hållbar tillväxt</li><li>Kompetens för framtiden</li><li>Goda livsmiljöer</li></ul>
        </main></body></html>
        """

    static let feed = """
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0"><channel><title>Nyheter</title><link>https://example.org/</link><description>Nyheter</description>
        <item><title>Exempelstrategin antagen</title><link>https://example.org/nyheter/1</link>
        <pubDate>Tue, 23 Feb 2021 10:00:00 +0100</pubDate><description>Regionfullmäktige antog strategin.</description></item>
        </channel></rss>
        """

    var flaws: Set<Flaw>
    var snapshot: URL

    var region: Region {
        Region(id: "sample", name: "Exempelregion", countyCode: "99", nutsCode: "SE999",
               organisation: flaws.contains(.noOrganisation) ? "" : "Region Exempel", website: "https://example.org/")
    }

    var sources: [SourceDescriptor] {
        [
            SourceDescriptor(url: flaws.contains(.badSourceURL) ? "strategi" : Self.pageURL, role: .strategy, snapshotFile: "strategi.html"),
            SourceDescriptor(url: Self.feedURL, role: .news, snapshotFile: "nyheter.rss"),
        ] + (flaws.contains(.fileNotInManifest) ? [SourceDescriptor(url: "https://example.org/saknas/", role: .overview, snapshotFile: "saknas.html")] : [])
    }

    var bundledSnapshot: URL? { snapshot }

    struct ReadError: Error {}

    func strategies(from documents: DocumentSet) throws -> [Strategy] {
        if flaws.contains(.throwsOnRead) { throw ReadError() }
        guard let page = documents.document(at: Self.pageURL), let heading = page.pageHeading else {
            guard flaws.contains(.factsWithoutDocuments) else { return [] }
            let made = Evidence(sourceURL: Self.pageURL, snapshotSHA256: "", locator: "/html", excerpt: "Exempelstrategi")
            return [Strategy(id: "sample.made-up", title: Fact("Exempelstrategi", evidence: made))]
        }
        let id = flaws.contains(.randomIDs) ? "sample.\(UUID().uuidString.lowercased())" : Slug.id("sample", "exempelstrategi")
        var period: Fact<Period>?
        if !flaws.contains(.noPeriod), let paragraph = page.rootSection?.paragraphs.first(where: { SwedishPeriod.find(in: $0.value) != nil }) {
            var value = SwedishPeriod.find(in: paragraph.value)!
            if flaws.contains(.reversedPeriod) { value = Period(startYear: 2030, endYear: 2021) }
            if flaws.contains(.impossibleYear) { value = Period(startYear: 2021, endYear: 2300) }
            period = Fact(value, evidence: paragraph.evidence)
        }
        let items = page.sections(headed: ["Insatsområden"]).first?.items() ?? []
        let areas = items.enumerated().map { index, item in
            var evidence = item.evidence
            var name = item.text
            var areaID = Slug.child(id, "area", item.text)
            if index == 0 {
                if flaws.contains(.misquoted) { evidence.excerpt = "Något som inte står där" }
                if flaws.contains(.locatorSelectsNothing) { evidence.locator = "/html/body/nav" }
                if flaws.contains(.foreignEvidence) { evidence.sourceURL = "https://example.org/annan-sida/" }
                if flaws.contains(.emptyName) { name = " " }
            }
            if index == 1, flaws.contains(.duplicateIDs) { areaID = Slug.child(id, "area", items[0].text) }
            return PriorityArea(id: areaID, name: name, term: "insatsområde", evidence: evidence)
        }
        var vision: Fact<String>?
        if flaws.contains(.changingText) {
            vision = Fact("Läst \(UUID().uuidString)", evidence: heading.evidence)
        }
        return [Strategy(id: id, title: heading.fact, period: period, vision: vision, areas: areas)]
    }
}

/// Writes the sample snapshot (page, feed, manifest) into a new temporary folder.
enum SampleSnapshot {
    static func write(changingFile: Bool = false) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("conformance-kit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let page = Array(SampleRegion.page.utf8), feed = Array(SampleRegion.feed.utf8)
        func entry(_ file: String, _ url: String, _ mediaType: String, _ role: String, _ bytes: [UInt8]) -> [String: String] {
            ["file": file, "url": url, "mediaType": mediaType, "charset": "utf-8", "role": role, "sha256": SHA256.hex(of: bytes), "origin": "reconstruction"]
        }
        let manifest: [String: Any] = [
            "region": "sample", "description": "A test snapshot",
            "files": [
                entry("strategi.html", SampleRegion.pageURL, "text/html", "strategy", page),
                entry("nyheter.rss", SampleRegion.feedURL, "application/rss+xml", "news", feed),
            ],
        ]
        try JSONSerialization.data(withJSONObject: manifest, options: [.sortedKeys]).write(to: folder.appendingPathComponent("manifest.json"))
        // A changed file: one word differs from the bytes the manifest's SHA-256 was taken of.
        let written = changingFile ? Array(SampleRegion.page.replacingOccurrences(of: "Kompetens", with: "Kunskap").utf8) : page
        try Data(written).write(to: folder.appendingPathComponent("strategi.html"))
        try Data(feed).write(to: folder.appendingPathComponent("nyheter.rss"))
        return folder
    }

    static func module(_ flaws: Set<SampleRegion.Flaw> = []) throws -> SampleRegion {
        SampleRegion(flaws: flaws, snapshot: try write(changingFile: flaws.contains(.changedFile)))
    }
}
