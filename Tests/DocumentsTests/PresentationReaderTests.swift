import Testing
import Documents

@Suite("Presentations (.pptx)")
struct PresentationReaderTests {
    let deck: Presentation

    init() throws {
        deck = try PresentationReader().read(OfficeSamples.presentation(), url: "https://www.regionblekinge.se/uppfoljning.pptx")
    }

    @Test func slidesComeInPresentationOrderNotFileOrder() {
        #expect(deck.slides.map(\.part) == ["ppt/slides/slide2.xml", "ppt/slides/slide1.xml", "ppt/slides/slide3.xml"])
        #expect(deck.slides.map(\.number) == [1, 2, 3])
        #expect(deck.slides.map(\.title) == ["Växtplats Blekinge – uppföljning 2023", "Indikatorer", nil])
        #expect(deck.slides.map(\.isHidden) == [false, false, true])
        #expect(deck.title == "Uppföljning av Växtplats Blekinge")
        #expect(deck.language == "sv-SE")
        #expect(deck.problems.isEmpty)
    }

    @Test func groupsAreFlattenedInReadingOrder() throws {
        let shapes = deck.slides[0].shapes
        #expect(shapes.map(\.name) == ["Title 1", "Content 2", "Text 3", "TextBox 4", "Inner", "Outer", "TextBox 5", "Slide Number 6"])
        #expect(shapes.map(\.index) == Array(1...8))
        #expect(shapes[4].groups == ["Yttre grupp", "Inre grupp"])
        #expect(shapes[5].groups == ["Yttre grupp"])
        #expect(shapes[4].text == "Inre gruppens text")
        #expect(shapes[4].locator == "slide 1, shape 5")
        #expect(shapes[7].placeholder == "sldNum")
    }

    @Test func bulletsAndLevelsInheritFromLayoutAndMaster() {
        let body = deck.slides[0].shapes[1]
        #expect(body.placeholder == "obj")
        #expect(body.paragraphs.map(\.text) == ["Attraktiva livsmiljöer", "Hållbar samhällsplanering", "Hög livskvalitet", "Kompetensförsörjning"])
        #expect(body.paragraphs.map(\.level) == [0, 1, 1, 0])
        #expect(body.paragraphs.map(\.list) == [.bullet, .bullet, .bullet, .bullet])
        // The empty fourth paragraph is left out but still counted.
        #expect(body.paragraphs.map(\.locator) == [
            "slide 1, shape 2, paragraph 1", "slide 1, shape 2, paragraph 2", "slide 1, shape 2, paragraph 3", "slide 1, shape 2, paragraph 5",
        ])
        // The layout switches bullets off for its second body placeholder.
        #expect(deck.slides[0].shapes[2].paragraphs.map(\.list) == [nil])
        // A text box gets bullets only from its own paragraphs: here numbers.
        #expect(deck.slides[0].shapes[3].paragraphs.map(\.list) == [.numbered, .numbered])
        #expect(deck.slides[0].shapes[4].paragraphs.map(\.list) == [nil])
    }

    @Test func hyperlinksResolveThroughRelationships() {
        let paragraph = deck.slides[0].shapes[6].paragraphs[0]
        #expect(paragraph.text == "Läs mer på regionens webbplats")
        #expect(paragraph.links == [Link(text: "regionens webbplats", url: "https://www.regionblekinge.se/vaxtplats", locator: "slide 1, shape 7, paragraph 1")])
    }

    @Test func speakerNotesComeFromTheNotesBody() {
        #expect(deck.slides[0].notes.map(\.text) == ["Tala om delmålen först.", "Sedan om budgeten."])
        #expect(deck.slides[0].notes.map(\.locator) == ["slide 1, notes, paragraph 1", "slide 1, notes, paragraph 2"])
        #expect(deck.slides[1].notes.isEmpty)
    }

    @Test func tablesKeepTheirHeaderRow() throws {
        let table = try #require(deck.slides[1].shapes[1].table)
        #expect(deck.slides[1].shapes[1].kind == .table)
        #expect(table.header == ["Indikator", "2019", "2022"])
        #expect(table.rows.map { $0.cells.map(\.text) } == [["Sysselsättning", "78,1 %", "79,4 %"], ["Befolkning", "159 606", "156 253"]])
        #expect(table.rows.map(\.locator) == ["slide 2, shape 2, row 2", "slide 2, shape 2, row 3"])
        #expect(table.locator == "slide 2, shape 2")
    }

    @Test func chartDataComesFromTheCache() throws {
        let chart = try #require(deck.slides[1].shapes[2].chart)
        #expect(chart.part == "ppt/charts/chart1.xml")
        #expect(chart.title == "Befolkning i Blekinge")
        #expect(chart.type == "lineChart")
        #expect(chart.series.map(\.name) == ["Invånare"])
        #expect(chart.categories == ["2019", "2020", "2021", "2022"])
        #expect(chart.series[0].values == ["159606", "159684", "158453", nil])
        #expect(chart.series[0].numbers == [159606, 159684, 158453, nil])
    }

    @Test func outlineHasASectionPerSlide() throws {
        let outline = deck.outline(url: "https://www.regionblekinge.se/uppfoljning.pptx")
        #expect(outline.title == "Uppföljning av Växtplats Blekinge")
        #expect(outline.language == "sv-SE")
        let sections = outline.root.subsections
        #expect(sections.map(\.heading) == ["Växtplats Blekinge – uppföljning 2023", "Indikatorer", nil])
        #expect(sections.map(\.level) == [1, 1, 1])
        #expect(sections.map(\.locator) == ["slide 1", "slide 2", "slide 3"])

        let first = sections[0].blocks
        #expect(first.count == 6)
        guard case let .list(bullets) = first[0], case let .list(numbers) = first[2] else {
            Issue.record("expected lists, got \(first)")
            return
        }
        #expect(!bullets.ordered)
        #expect(bullets.items.map(\.text) == ["Attraktiva livsmiljöer", "Kompetensförsörjning"])
        #expect(bullets.items[0].sublists.map { $0.items.map(\.text) } == [["Hållbar samhällsplanering", "Hög livskvalitet"]])
        #expect(bullets.items[0].sublists[0].items[1].locator == "slide 1, shape 2, paragraph 3")
        #expect(numbers.ordered)
        #expect(numbers.items.map(\.text) == ["Första steget", "Andra steget"])
        #expect(first.map(\.text)[1] == "Ingen punkt här")
        #expect(first.map(\.text)[3...] == ["Inre gruppens text", "Yttre gruppens text", "Läs mer på regionens webbplats"])
        // The slide number placeholder is chrome; the notes are kept apart.
        #expect(!sections[0].text.contains("\n1\n"))
        #expect(sections[0].notes.map(\.text) == ["Tala om delmålen först.", "Sedan om budgeten."])
        #expect(!outline.mainText.contains("budgeten"))

        guard case let .table(chart) = sections[1].blocks[1] else {
            Issue.record("expected the chart as a table")
            return
        }
        #expect(chart.caption == "Befolkning i Blekinge")
        #expect(chart.header == ["", "Invånare"])
        #expect(chart.rows.map { $0.cells.map(\.text) } == [["2019", "159606"], ["2020", "159684"], ["2021", "158453"], ["2022", ""]])
        #expect(sections[2].blocks.map(\.text) == ["Bilaga"])
    }

    @Test func aWordDocumentIsNotAPresentation() {
        #expect(throws: OOXMLError.wrongDocumentType(expected: "PowerPoint presentation (.pptx)",
                                                     contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")) {
            try PresentationReader().read(OfficeSamples.wordDocument())
        }
    }
}
