import Testing
import Documents

@Suite("Word documents (.docx)")
struct WordDocumentReaderTests {
    let document: WordDocument

    init() throws {
        document = try WordDocumentReader().read(OfficeSamples.wordDocument())
    }

    @Test func paragraphsInOrderWithLocators() {
        let paragraphs = document.paragraphs
        #expect(paragraphs.count == 14)
        #expect(paragraphs.map(\.locator) == (1...14).map { "paragraph \($0)" })
        #expect(paragraphs.map(\.text) == [
            "Regional utvecklingsstrategi", "Inledande text.", "Prioriterade områden", "Attraktiva livsmiljöer",
            "Hållbar samhällsplanering", "Kompetensförsörjning", "Första målet", "Andra målet", "Finansiering",
            "Läs mer på regionens webbplats.", "tillagd text, fältlänk", "I en innehållskontroll", "Direkt nivå", "Rad ett Rad två efter tabb",
        ])
        #expect(document.language == "sv-SE")
        #expect(document.title == nil)
    }

    @Test func headingLevelsFromStylesAndOutlineLevels() {
        let paragraphs = document.paragraphs
        #expect(paragraphs.map(\.headingLevel) == [1, nil, 1, nil, nil, nil, nil, nil, 2, nil, nil, nil, 3, nil])
        #expect(paragraphs[2].style == "heading 1")
        #expect(paragraphs[0].style == "Title")
        #expect(paragraphs[1].style == "Normal")
    }

    @Test func listsFromNumberingDirectAndThroughStyles() {
        let paragraphs = document.paragraphs
        #expect(paragraphs[3...7].map(\.list) == [.bullet, .bullet, .bullet, .numbered, .numbered])
        #expect(paragraphs[3...7].map(\.level) == [0, 1, 0, 0, 0])
        #expect(paragraphs[3...7].map(\.listID) == ["1", "1", "1", "2", "2"])
        #expect(paragraphs[0].list == nil && paragraphs[8].list == nil)
    }

    @Test func linksFromRelationshipsAndFields() {
        let paragraphs = document.paragraphs
        #expect(paragraphs[9].links == [Link(text: "regionens webbplats", url: "https://www.regionblekinge.se/", locator: "paragraph 10")])
        #expect(paragraphs[10].links == [Link(text: "fältlänk", url: "https://example.se/falt", locator: "paragraph 11")])
    }

    @Test func deletedTextIsNotRead() {
        #expect(!document.paragraphs[10].text.contains("borttagen"))
    }

    @Test func lineBreaksAndTabs() {
        #expect(document.paragraphs[13].lines == ["Rad ett", "Rad två efter tabb"])
    }

    @Test func tables() throws {
        let table = try #require(document.tables.first)
        #expect(document.tables.count == 1)
        #expect(table.locator == "table 1")
        #expect(table.header == ["År", "Belopp"])
        #expect(table.rows.map { $0.cells.map(\.text) } == [["2024", "24,3 mnkr"], ["2025", "25,0 mnkr"]])
        #expect(table.rows.map(\.locator) == ["table 1, row 2", "table 1, row 3"])
        guard case .table = document.body[10] else {
            Issue.record("the table should follow paragraph 10")
            return
        }
    }

    @Test func headersAndFootersAreKeptApart() {
        #expect(document.headers.map(\.text) == ["Region Blekinge"])
        #expect(document.headers.map(\.part) == ["word/header1.xml"])
        #expect(document.headers.map(\.type) == ["default"])
        #expect(document.footers.map(\.text) == ["Sida 1"])
        #expect(document.footers.first?.blocks.first.map { if case let .paragraph(p) = $0 { p.locator } else { "" } } == "footer 1, paragraph 1")
        #expect(!document.paragraphs.contains { $0.text.contains("Region Blekinge") })
    }

    @Test func outlineNestsSectionsByHeadingLevel() throws {
        let outline = document.outline(url: "https://www.regionblekinge.se/rus.docx")
        #expect(outline.title == "Regional utvecklingsstrategi")
        #expect(outline.language == "sv-SE")
        #expect(outline.root.blocks.isEmpty)
        let top = outline.root.subsections
        #expect(top.map(\.heading) == ["Regional utvecklingsstrategi", "Prioriterade områden"])
        #expect(top.map(\.locator) == ["paragraph 1", "paragraph 3"])
        #expect(top[0].blocks.map(\.text) == ["Inledande text."])

        let lists = top[1].blocks
        #expect(lists.count == 2)
        guard case let .list(bullets) = lists[0], case let .list(numbers) = lists[1] else {
            Issue.record("expected two lists, got \(lists)")
            return
        }
        #expect(!bullets.ordered)
        #expect(bullets.items.map(\.text) == ["Attraktiva livsmiljöer", "Kompetensförsörjning"])
        #expect(bullets.items[0].sublists.map { $0.items.map(\.text) } == [["Hållbar samhällsplanering"]])
        #expect(numbers.ordered)
        #expect(numbers.items.map(\.text) == ["Första målet", "Andra målet"])
        #expect(numbers.locator == "paragraph 7")

        let finance = try #require(top[1].subsections.first)
        #expect(finance.heading == "Finansiering")
        #expect(finance.level == 2)
        #expect(finance.blocks.map(\.locator) == ["paragraph 10", "table 1", "paragraph 11", "paragraph 12"])
        #expect(finance.subsections.map(\.heading) == ["Direkt nivå"])
        #expect(finance.subsections[0].level == 3)
        #expect(finance.subsections[0].blocks.map(\.text) == ["Rad ett Rad två efter tabb"])

        #expect(outline.headers.map(\.text) == ["Region Blekinge"])
        #expect(outline.footers.map(\.text) == ["Sida 1"])
        #expect(!outline.mainText.contains("Region Blekinge"))
    }

    @Test(arguments: [
        ("A\u{00A0}\u{00A0}B  C\tD ", "A B C D"),
        ("  leading and trailing  ", "leading and trailing"),
        ("Växtplats Blekinge – 2030", "Växtplats Blekinge – 2030"),
        ("zero\u{200B}width", "zero width"),
    ])
    func whitespaceCollapsesAsInPages(raw: String, expected: String) throws {
        let document = try WordDocumentReader().read(OfficeSamples.minimalWord(body: OfficeSamples.wp(nil, OfficeSamples.run(raw))))
        #expect(document.paragraphs.map(\.text) == [expected])
        #expect(document.paragraphs.first?.style == nil)
        #expect(document.language == nil)
    }

    @Test func theOfficeReaderTellsTheFormatsApart() throws {
        #expect(try OfficeReader().read(OfficeSamples.wordDocument()).format == .docx)
        #expect(try OfficeReader().read(OfficeSamples.presentation()).format == .pptx)
        #expect(try OfficeReader().outline(OfficeSamples.wordDocument()).root.subsections.count == 2)
    }
}
