import Foundation
import Testing
import StrategyModel
import Comparison
import Reports
import Markup
import Documents

@Suite("HTML report")
struct HTMLReportTests {
    static let svg = ["svg": "http://www.w3.org/2000/svg"]

    /// Four codes, three levels deep, one that nothing matches; `&` and `<` in a label.
    static func codebook() throws -> Codebook {
        try Codebook(id: "test-book", version: "1.0", title: .init(sv: "Test", en: "Test <book> & co"), codes: [
            .init(id: "goals", label: .init(sv: "Mål", en: "Goals & aims"), terms: ["mål"]),
            .init(id: "sub", label: .init(sv: "Delmål", en: "Sub-goals"), parent: "goals", terms: ["delmål"]),
            .init(id: "deep", label: .init(sv: "Område", en: "Areas <deep>"), parent: "sub", terms: ["område"]),
            .init(id: "none", label: .init(sv: "Inget", en: "Nothing"), terms: ["xyzzy"]),
        ])
    }

    /// Alfa with hostile text: markup in a goal, a `javascript:` source URL.
    static var hostile: RegionProfile {
        var profile = Fixtures.alpha
        profile.strategies[0].goals[0].title = "<script>alert(\"x\")</script> & mål"
        profile.strategies[0].goals[0].evidence.sourceURL = "javascript:alert(1)"
        return profile
    }

    static func report(_ profiles: [RegionProfile] = [Fixtures.alpha, Fixtures.beta], overrides: CodingOverrides = CodingOverrides()) throws -> ComparisonReport {
        try ComparisonReport(profiles: profiles, codebooks: [codebook()], overrides: overrides)
    }

    /// The page parsed as XML, strictly: it must be well-formed.
    static func xml(_ html: String) throws -> MarkupDocument {
        var options = ParseOptions()
        options.recoverMalformedXML = false
        options.repairHTMLEntities = false
        return try MarkupDocument(xml: Array(html.utf8), options: options)
    }

    @Test func isWellFormedAndReadByTheHTMLParser() throws {
        let html = try Self.report().rendered(as: .html)
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        let document = try Self.xml(html)
        #expect(document.diagnostics.isEmpty, "\(document.diagnostics)")
        #expect(try document.select("/html/body/main/section").count >= ReportSection.allCases.count)
        let page = try HTMLPageReader().read(Array(html.utf8))
        #expect(page.title == "Regional development strategies compared")
        let headings = page.allSections.compactMap(\.heading)
        #expect(headings.contains("Side by side"))
        #expect(headings.contains { $0.hasPrefix("Coverage: Test <book> & co") })
    }

    @Test func isSelfContained() throws {
        let html = try Self.report().rendered(as: .html)
        #expect(!html.contains("<script src"))
        #expect(!html.contains("src="))
        #expect(!html.contains("@import"))
        #expect(!html.contains("url("))
        #expect(!html.contains("<link"))
        #expect(!html.contains("<img"))
        let document = try Self.xml(html)
        // Links to the outside are evidence and source links, on <a> elements.
        for node in try document.select("//@href") {
            let value = node.textContent
            if value.hasPrefix("#") { continue }
            #expect(value.hasPrefix("https://") || value.hasPrefix("http://"), "\(value)")
            #expect(node.parent?.name == "a", "\(value) on \(node.parent?.name ?? "?")")
        }
        #expect(try document.select("//*[@src]").isEmpty)
        #expect(try document.select("//script").count == 1)
        #expect(try document.select("//style").count == 1)
    }

    @Test func internalLinksLandAndIdsAreUnique() throws {
        let html = try Self.report().rendered(as: .html)
        let document = try Self.xml(html)
        let ids = try document.select("//@id").map(\.textContent)
        #expect(Set(ids).count == ids.count)
        for node in try document.select("//@href") where node.textContent.hasPrefix("#") {
            #expect(ids.contains(String(node.textContent.dropFirst())), "\(node.textContent)")
        }
    }

    @Test(arguments: ReportSection.allCases)
    func sectionHeadingsOnlyWhenAsked(_ section: ReportSection) throws {
        let report = try Self.report()
        let document = try Self.xml(try report.rendered(as: .html, sections: [section]))
        for other in ReportSection.allCases {
            let found = try document.select("//section[@data-section='\(other.rawValue)']/h2")
            #expect(found.isEmpty == (other != section), "\(other.rawValue) in the page for \(section.rawValue)")
        }
        // The sources and the citation are always there.
        #expect(try document.select("//section[@id='sources']/h2").count == 1)
        #expect(try document.select("//section[@id='citation']/pre").first?.textContent.hasPrefix("Cite as: swift-regional-strategies") == true)
    }

    @Test func everySectionWithTheFullReport() throws {
        let document = try Self.xml(try Self.report().rendered(as: .html))
        let headings = try document.select("//main/section/h2").map(\.normalizedText)
        #expect(headings.map { $0.components(separatedBy: ":").first ?? $0 } == [
            "Side by side", "Structure", "Coverage", "Gaps (vita fläckar)", "Goal alignment", "Versions",
            "News attention", "Funding by code", "Coding",
        ])
        #expect(try document.select("//nav//a").count == headings.count + 2)
    }

    @Test func withoutACodebookTheCodebookSectionsSaySo() throws {
        let report = try ComparisonReport(profiles: [Fixtures.alpha])
        let document = try Self.xml(try report.rendered(as: .html, sections: [.coverage, .funding]))
        #expect(try document.select("//section[@data-section='coverage']/p[@class='note']").first?.normalizedText == "No codebook was applied: --codebook names one.")
        #expect(try document.select("//svg:svg", namespaces: Self.svg).isEmpty)
    }

    @Test func textIsEscaped() throws {
        let html = try Self.report([Self.hostile, Fixtures.beta]).rendered(as: .html)
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; mål"))
        #expect(!html.contains("<script>alert"))
        #expect(html.contains("Test &lt;book&gt; &amp; co"))
        let document = try Self.xml(html)
        #expect(document.diagnostics.isEmpty)
        #expect(try document.select("//script").count == 1)
        // The hostile source is shown as text, never linked.
        #expect(try document.select("//a[starts-with(@href, 'javascript')]").isEmpty)
        #expect(try document.select("//span[@class='ev'][contains(@title, 'javascript:alert(1)')]").count >= 1)
    }

    @Test func controlCharactersDoNotBreakThePage() throws {
        var profile = Fixtures.alpha
        profile.strategies[0].goals[0].title = "Mål\u{1}\u{8} två\u{0}"
        let html = try Self.report([profile]).rendered(as: .html)
        #expect(html.contains("Mål\u{FFFD}\u{FFFD} två\u{FFFD}"))
        #expect(try Self.xml(html).diagnostics.isEmpty)
    }

    @Test func heatmapHasOneCellPerRegionAndCode() throws {
        let report = try Self.report()
        let book = try #require(report.codebooks.first)
        let document = try Self.xml(try report.rendered(as: .html, sections: [.coverage]))
        let maps = try document.select("//svg:svg[@class='heatmap']", namespaces: Self.svg)
        #expect(maps.count == 1)
        let cells = try document.select("//svg:svg[@class='heatmap']//svg:rect[@class='cell']", namespaces: Self.svg)
        #expect(cells.count == book.regions.count * book.codebook.codes.count)
        #expect(cells.count == 8)
        // Rows are indented by depth: the code two levels down starts furthest right.
        let labels = try document.select("//svg:svg[@class='heatmap']/svg:text[contains(@class, 'code')]", namespaces: Self.svg)
        #expect(labels.map { $0.attribute("x") ?? "" } == ["8", "24", "40", "8"])
        // A covered cell links to the list of its statements, which has their evidence.
        let covered = book.coverage.flatMap(\.cells).filter(\.isCovered)
        #expect(!covered.isEmpty)
        let links = try document.select("//svg:svg[@class='heatmap']//svg:a/@href", namespaces: Self.svg).map(\.textContent)
        #expect(links.count == covered.count)
        for link in links {
            let list = try document.select("//details[@id='\(link.dropFirst())']//li")
            #expect(!list.isEmpty)
            #expect(try document.select("//details[@id='\(link.dropFirst())']//li//a[@class='ev' and @href='https://alfa.se/rus.html']").count >= 1)
        }
        // The legend explains the colours.
        #expect(try document.select("//section[@data-section='coverage']//ul[@class='legend']/li").count == 7)
    }

    @Test func evidenceLinksCarryLocatorAndExcerpt() throws {
        let document = try Self.xml(try Self.report().rendered(as: .html, sections: [.table]))
        let link = try #require(try document.select("//table[@class='side']//a[@class='ev']").first)
        #expect(link.attribute("href") == "https://alfa.se/rus.html")
        #expect(link.attribute("title")?.hasPrefix("/html/body/h1\n“Alfa, \"växer\"”") == true)
        #expect(link.normalizedText == "A1")
        #expect(try document.select("//table[@class='side']//td[@class='unknown']").count >= 10)
        let sha = try document.select("//section[@id='sources']//td[@class='sha']/code").map(\.textContent)
        #expect(sha == [String(repeating: "a", count: 64), String(repeating: "a", count: 64)])
    }

    @Test func unlinkedFundingIsSaidPlainly() throws {
        let document = try Self.xml(try Self.report().rendered(as: .html, sections: [.funding]))
        let callout = try #require(try document.select("//div[@class='callout']").first)
        #expect(callout.normalizedText.hasPrefix("No amount in the documents read is linked to a goal"))
        #expect(callout.normalizedText.contains("All 1 amount found (1,1 mnkr in all) is listed below"))
        let row = try #require(try document.select("//table[contains(@class, 'unlinked')]/tbody/tr").first)
        #expect(row.normalizedText.contains("mapping unknown"))
        #expect(try document.select("//table[contains(@class, 'unlinked')]//svg:svg[@class='amount']", namespaces: Self.svg).count == 1)
    }

    @Test func linkedFundingIsDrawnAsBarsPerCode() throws {
        var profile = Fixtures.alpha
        let evidence = Fixtures.evidence("https://alfa.se/rus.html", "/html/body/table/tr[2]", "2,5 mnkr till Mål två")
        profile.funding.append(FundingRecord(id: "f3", kind: .allocation, year: 2024, amountSEK: 2_500_000, isLowerBound: true, goal: "Mål två", evidence: evidence))
        let report = try Self.report([profile, Fixtures.beta])
        let book = try #require(report.codebooks.first)
        #expect(book.funding.linked.map(\.code) == ["goals"])
        let document = try Self.xml(try report.rendered(as: .html, sections: [.funding]))
        #expect(try document.select("//div[@class='callout']").isEmpty)
        let bars = try document.select("//svg:svg[@class='funding']//svg:rect[@class='funding-bar']", namespaces: Self.svg)
        #expect(bars.count == 1)
        let label = try document.select("//svg:svg[@class='funding']//svg:text[@class='amount']", namespaces: Self.svg).first?.normalizedText
        #expect(label == "Alfa more than 2,5 mnkr")
        let row = try #require(try document.select("//table[@class='funding']/tbody/tr").first)
        #expect(row.normalizedText.contains("more than 2,5 mnkr"))
        #expect(try document.select("//table[@class='funding']//a[@class='ev'][contains(@title, '/html/body/table/tr[2]')]").count == 1)
        // The amount that stays unlinked is still listed.
        #expect(try document.select("//table[contains(@class, 'unlinked')]/tbody/tr").count == 1)
    }

    @Test func newsTimelineHasOneSquarePerItem() throws {
        let report = try Self.report()
        let book = try #require(report.codebooks.first)
        let document = try Self.xml(try report.rendered(as: .html, sections: [.news]))
        let squares = try document.select("//svg:svg[@class='timeline']//svg:rect[@class='item']", namespaces: Self.svg)
        #expect(squares.count == book.news.map(\.statements.count).reduce(0, +))
        let years = try document.select("//svg:svg[@class='timeline']/svg:text[@class='year']", namespaces: Self.svg).map(\.normalizedText)
        #expect(years == ["2020", "undated"])
    }

    @Test func manualCodesAreMarkedAndRemovedOnesStruckOut() throws {
        let overrides = CodingOverrides(overrides: [
            .init(codebook: "test-book", statement: "alfa.rus.g2", add: "none", note: "said <elsewhere>"),
            .init(codebook: "test-book", statement: "alfa.rus.g1", remove: "goals", note: "not a goal"),
        ])
        let report = try Self.report(overrides: overrides)
        let document = try Self.xml(try report.rendered(as: .html, sections: [.coding]))
        let manual = try document.select("//table[@class='coding']//li[span[@class='tag manual']]")
        #expect(manual.count == 1)
        #expect(manual.first?.normalizedText.contains("said <elsewhere>") == true)
        let removed = try document.select("//table[@class='coding']//li[@class='overruled']")
        #expect(removed.count == 1)
        #expect(try document.select("//li[@class='overruled']/s/span[@class='chip']").first?.normalizedText == "Goals & aims")
        // Automatic codes show their term matches.
        let matches = try document.select("//table[@class='coding']//span[@class='matches']/code").map(\.textContent)
        #expect(matches.contains("\"mål\" ← \"mål\" (text, word 1)"), "\(matches)")
    }

    @Test func isDeterministic() throws {
        let first = try Self.report().rendered(as: .html)
        let second = try Self.report().rendered(as: .html)
        #expect(first == second)
        let overrides = CodingOverrides(overrides: [.init(statement: "alfa.rus.g2", add: "none")])
        #expect(try Self.report(overrides: overrides).rendered(as: .html) == (try Self.report(overrides: overrides).rendered(as: .html)))
    }

    @Test func oneRegionAndNoCodes() throws {
        // Codebooks need a code, but a comparison decoded from JSON may have none: the page holds.
        var report = try ComparisonReport(profiles: [Fixtures.beta], codebooks: [Self.codebook()])
        report.codebooks[0].codebook.codes = []
        report.codebooks[0].coverage = []
        let document = try Self.xml(try report.rendered(as: .html))
        #expect(document.diagnostics.isEmpty)
        #expect(try document.select("//section[@data-section='coverage']/p[@class='note']").first?.normalizedText == "The codebook has no codes.")
        #expect(try document.select("//section[@data-section='alignment']/p[@class='note']").first?.normalizedText == "One region only: no pair to align.")
        #expect(try document.select("//section[@data-section='news']/p[@class='note']").first?.normalizedText == "No news item was read.")
    }

    @Test func manyRegionsAndCodesStayWellFormed() throws {
        // 10 regions, 30 codes, four levels deep.
        let profiles = (0..<10).map { index in
            var profile = Fixtures.alpha
            profile.region = Region(id: "r\(index)", name: "Region nummer \(index) med ett långt namn", countyCode: "\(index)", nutsCode: "SE\(index)", organisation: "Org \(index)", website: "https://r\(index).se")
            return profile
        }
        var codes: [Codebook.Code] = []
        for index in 0..<30 {
            let parent = index % 4 == 0 ? nil : "c\(index - 1)"
            codes.append(.init(id: "c\(index)", label: .init(sv: "Kod \(index)", en: "Code number \(index) with quite a long English label"), parent: parent, terms: [index % 3 == 0 ? "mål" : "delmål"]))
        }
        let book = try Codebook(id: "big", version: "2", title: .init(sv: "Stor", en: "Big"), codes: codes)
        let report = try ComparisonReport(profiles: profiles, codebooks: [book])
        let html = try report.rendered(as: .html)
        let document = try Self.xml(html)
        #expect(document.diagnostics.isEmpty)
        #expect(try document.select("//svg:svg[@class='heatmap']//svg:rect[@class='cell']", namespaces: Self.svg).count == 300)
        #expect(try document.select("//details[@class='pair']").count == 45)
        let ids = try document.select("//@id").map(\.textContent)
        #expect(Set(ids).count == ids.count)
    }
}
