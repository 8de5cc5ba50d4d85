import Foundation
import Testing
import StrategyModel
@testable import RegionSupport

@Suite("Document sets and sections")
struct DocumentSetTests {
    let page = """
    <html lang="sv"><head><title>Strategi</title></head><body><main>
    <h1>Växtplats Blekinge</h1><p>Strategin antogs av regionfullmäktige den 23 februari 2022. Den gäller till 2030.</p>
    <h2>Förhållningssätt</h2><ul><li>Folkhälsa</li><li>Digital omställning</li></ul>
    <h2>Mål och delmål</h2><table><tr><th>Nr</th><th>Mål</th></tr><tr><td>1</td><td>Hälsa</td></tr></table>
    <h2>Områden</h2><h3>Första</h3><ul><li>a</li></ul><h3>Andra</h3>
    <p>Vi följer Agenda 2030 och de globala målen.</p>
    </main></body></html>
    """

    func documents() throws -> DocumentSet {
        try DocumentSet(parsing: [
            RawDocument(url: "https://exempel.se/vaxtplats.html", bytes: Array(page.utf8)),
            RawDocument(url: "https://exempel.se/rss", bytes: Array("<rss version=\"2.0\"><channel><title>N</title><item><title>Nyhet</title><guid>1</guid><pubDate>Wed, 23 Feb 2022 00:00:00 +0100</pubDate></item><item><title>Äldre</title><guid>2</guid></item></channel></rss>".utf8)),
        ])
    }

    @Test func findsPagesAndSectionsByContent() throws {
        let docs = try documents()
        #expect(docs.pages.count == 1)
        #expect(docs.feeds.count == 1)
        let page = try #require(docs.pages(about: ["växtplats"]).first)
        #expect(page.sha256 == SHA256.hex(of: Array(self.page.utf8)))
        let approaches = try #require(page.sections(headed: ["förhållningssätt"]).first)
        #expect(approaches.items().map(\.text) == ["Folkhälsa", "Digital omställning"])
        #expect(approaches.items()[1].evidence.locator == "/html/body/main/ul[1]/li[2]")
        let goals = try #require(page.sections(headed: ["mål"]).first)
        #expect(goals.items(column: "mål").map(\.text) == ["Hälsa"])
        #expect(goals.items(column: "mål").first?.cells["Nr"] == "1")
        let areas = try #require(page.sections(headed: ["områden"]).first)
        #expect(areas.items().map(\.text) == ["Första", "Andra"])
        #expect(areas.items()[0].children.map(\.text) == ["a"])
        let adopted = try #require(page.rootSection?.sentences(containing: ["antogs"]).first)
        #expect(adopted.value == "Strategin antogs av regionfullmäktige den 23 februari 2022.")
        #expect(adopted.evidence.locator == "/html/body/main/p[1]")
    }

    @Test func detectsFrameworks() throws {
        let docs = try documents()
        let refs = FrameworkDetector.references(in: docs.pages)
        #expect(refs.map(\.framework) == [.agenda2030])
        #expect(refs.first?.evidence.excerpt == "Vi följer Agenda 2030 och de globala målen.")
    }

    @Test func readsNewsWithEvidenceNewestFirst() throws {
        let items = NewsReader.sorted(NewsReader(regionID: "blekinge").items(from: try documents()))
        #expect(items.map(\.title) == ["Nyhet", "Äldre"])
        #expect(items[0].evidence.locator == "/rss/channel/item[1]")
        #expect(items[0].id == "blekinge.news.1")
    }

    @Test func unsupportedBytesAreATypedError() {
        #expect(throws: DocumentError.self) {
            try DocumentSet(parsing: [RawDocument(url: "file:///x.pdf", bytes: Array("%PDF-1.4".utf8))])
        }
    }

    @Test func snapshotWithAChangedFileIsRefused() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rus-snapshot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(page.utf8).write(to: folder.appendingPathComponent("a.html"))
        let manifest = """
        {"region": "x", "description": "test", "files": [{"file": "a.html", "url": "https://exempel.se/a", "mediaType": "text/html",
         "charset": "utf-8", "role": "strategy", "sha256": "\(String(repeating: "0", count: 64))", "origin": "reconstruction"}]}
        """
        try Data(manifest.utf8).write(to: folder.appendingPathComponent("manifest.json"))
        #expect {
            _ = try Snapshot(directory: folder)
        } throws: { error in
            String(describing: error).contains("a.html: SHA-256 is \(SHA256.hex(of: Array(page.utf8)))")
        }
    }
}

@Suite("Passages and links")
struct PassageTests {
    @Test func passagesCoverParagraphsNestedItemsAndTableRowsWithHeadings() throws {
        let html = """
        <html><body><main><h1>Sida</h1><p>Inledning med <a href="/a.pdf">Strategin (pdf)</a>.</p>
        <h2>Mål</h2><ul><li>Ett<ul><li>Delmål</li></ul></li></ul>
        <h3>Tabell</h3><table><tr><th>Nr</th><th>Mål</th></tr><tr><td>1</td><td>Hälsa<ul><li>Prio</li></ul></td></tr></table>
        <h2>Skippa</h2><p>Bort</p></main></body></html>
        """
        let doc = try #require(try DocumentSet(parsing: [RawDocument(url: "https://x.se/s/", bytes: Array(html.utf8))]).pages.first)
        let root = try #require(doc.rootSection)
        let passages = root.passages(skipping: { $0.heading == "Skippa" })
        #expect(passages.map(\.text) == ["Inledning med Strategin (pdf).", "Ett", "Delmål", "1 | Hälsa", "Prio"])
        #expect(passages.map(\.kind) == [.paragraph, .listItem, .listItem, .tableRow, .listItem])
        #expect(passages[3].headings == ["Sida", "Mål", "Tabell"])
        #expect(doc.passages.count == 6)
        let link = try #require(doc.links.first)
        #expect(link.url == "https://x.se/a.pdf")
        #expect(link.isPDF)
        #expect(link.documentTitle == "Strategin")
        #expect(doc.topSection?.heading == "Sida")
    }

    @Test func yearRanges() {
        #expect(SwedishPeriod.ranges(in: "RUS 2011–2020 ersattes av 2020-2030; RUS 2011–2020.") == [
            Period(startYear: 2011, endYear: 2020), Period(startYear: 2020, endYear: 2030),
        ])
        #expect(SwedishPeriod.ranges(in: "2022-02-23").isEmpty)
    }
}
