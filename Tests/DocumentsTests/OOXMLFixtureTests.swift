import Foundation
import Testing
import Documents

/// The feature fixtures of python-pptx and python-docx in `../shared/testdata/ooxml/`: every
/// file must open (or fail with a clear error), and for a sample the text, order, tables,
/// notes, chart values and links must be what the files hold. The expected values were read
/// from the files themselves (`unzip -p`, Python's `zipfile`).
enum OOXMLFixtures {
    static let folder = ProjectFiles.sharedTestData.appendingPathComponent("ooxml")
    static let available = FileManager.default.fileExists(atPath: folder.appendingPathComponent("pptx").path)
    static let skipMessage: Comment = "../shared/testdata/ooxml is absent: the python-pptx/python-docx fixtures are not checked"

    static func files(_ kind: String) -> [URL] {
        let directory = folder.appendingPathComponent(kind)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix("." + kind) }.sorted().map { directory.appendingPathComponent($0) }
    }

    static func bytes(_ kind: String, _ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: folder.appendingPathComponent(kind).appendingPathComponent(name)))
    }

    static func presentation(_ name: String) throws -> Presentation {
        try PresentationReader().read(bytes("pptx", name))
    }

    static func word(_ name: String) throws -> WordDocument {
        try WordDocumentReader().read(bytes("docx", name))
    }
}

@Suite("OOXML fixtures", .enabled(if: OOXMLFixtures.available, OOXMLFixtures.skipMessage))
struct OOXMLFixtureTests {
    // MARK: Every file

    @Test(arguments: ["pptx", "docx"])
    func everyFileOpensOrFailsClearly(kind: String) throws {
        let files = OOXMLFixtures.files(kind)
        #expect(files.count == (kind == "pptx" ? 65 : 45))
        var opened = 0
        var failures: [String] = []
        for file in files {
            let bytes = [UInt8](try Data(contentsOf: file))
            do {
                let document = try OfficeReader().read(bytes, url: file.absoluteString)
                #expect(document.format.rawValue == kind, "\(file.lastPathComponent)")
                let outline = document.outline(url: file.absoluteString)
                #expect(outline.url == file.absoluteString)
                #expect(DocumentSniffer.officeFormat(of: bytes)?.rawValue == kind, "\(file.lastPathComponent)")
                opened += 1
            } catch {
                #expect(!error.description.isEmpty)
                failures.append("\(file.lastPathComponent): \(error)")
            }
        }
        print("OOXML fixtures, \(kind): \(opened) of \(files.count) opened, \(failures.count) failed with an error\(failures.isEmpty ? "" : ":\n  " + failures.joined(separator: "\n  "))")
        // All python-pptx/python-docx fixtures are valid packages; none may fail.
        #expect(failures.isEmpty)
    }

    // MARK: Presentations

    @Test func testSlides() throws {
        let deck = try OOXMLFixtures.presentation("test_slides.pptx")
        let slide = try #require(deck.slides.first)
        #expect(deck.slides.count == 1)
        #expect(slide.title == nil)
        #expect(slide.shapes.map(\.name) == ["Title 1", "Content Placeholder 2", "Picture 5", "TextBox 6", "Picture 8", "TextBox 9",
                                              "Rounded Rectangle 11", "Rounded Rectangle 12", "Straight Arrow Connector 14", "Table 15"])
        #expect(slide.shapes.map(\.kind) == [.shape, .shape, .picture, .shape, .picture, .shape, .shape, .shape, .connector, .table])
        #expect(slide.shapes[2].altText == "python-logo.gif")
        #expect(slide.shapes[5].groups == ["Group 10"])
        #expect(slide.shapes.map(\.text).filter { !$0.isEmpty } == ["Test text", "Group test text", "Box 1", "Box 2"])
        let table = try #require(slide.shapes[9].table)
        #expect(table.header == ["Col head 1", "Col head 2"])
        #expect(table.rows.map { $0.cells.map(\.text) } == [["Cell text 1", "Cell text 2"]])
        #expect(table.rows[0].locator == "slide 1, shape 10, row 2")
        let outline = deck.outline()
        #expect(outline.title == "Presentation")
        #expect(outline.mainText == "Test text\nGroup test text\nBox 1\nBox 2\nCol head 1 | Col head 2\nCell text 1 | Cell text 2")
    }

    @Test func textLinesFieldsAndHyperlinks() throws {
        let deck = try OOXMLFixtures.presentation("txt-text.pptx")
        #expect(deck.slides.count == 2)
        let first = deck.slides[0].shapes
        #expect(first[0].paragraphs.map(\.lines) == [["Foo Bar", "Baz Zoo", "1"], ["yahoo.com"]])
        #expect(first[0].paragraphs[1].links == [Link(text: "yahoo.com", url: "http://yahoo.com", locator: "slide 1, shape 1, paragraph 2")])
        #expect(first[1].paragraphs.map(\.lines) == [["abc"], ["a", "b", "c"]])
        let table = try #require(deck.slides[1].shapes.first?.table)
        #expect(table.header == ["Text run in table cell", ""])
        #expect(table.rows.map { $0.cells.map(\.text) } == [["", ""]])
    }

    @Test func externalRelationshipLink() throws {
        let deck = try OOXMLFixtures.presentation("ext-rels.pptx")
        let paragraph = try #require(deck.slides.first?.shapes.first?.paragraphs.first)
        #expect(paragraph.text == "Code is available at the python-pptx repository on GitHub")
        #expect(paragraph.links.map(\.text) == ["the python-pptx repository on GitHub"])
        #expect(paragraph.links.map(\.url) == ["https://github.com/scanny/python-pptx"])
    }

    @Test func barChartSeriesFromTheCache() throws {
        let deck = try OOXMLFixtures.presentation("cht-charts.pptx")
        let chart = try #require(deck.slides.first?.shapes.first?.chart)
        #expect(chart.part == "ppt/charts/chart1.xml")
        #expect(chart.type == "barChart")
        #expect(chart.series.map(\.name) == ["Series 1", "Series 2", "Series 3"])
        #expect(chart.categories == ["Category 1", "Category 2", "Category 3", "Category 4"])
        #expect(chart.series.map(\.values) == [["4.3", "2.5", "3.5", "4.5"], ["2.4", "4.4", "1.8", "2.8"], ["2.0", "2.0", "3.0", "5.0"]])
        #expect(chart.series[2].numbers == [2, 2, 3, 5])
        guard case let .table(table) = deck.outline().root.subsections[0].blocks.first else {
            Issue.record("the chart should be a table in the outline")
            return
        }
        #expect(table.header == ["", "Series 1", "Series 2", "Series 3"])
        #expect(table.rows[3].cells.map(\.text) == ["Category 4", "4.5", "2.8", "5.0"])
    }

    @Test func pieScatterAndBubbleCharts() throws {
        let deck = try OOXMLFixtures.presentation("cht-replace-data.pptx")
        #expect(deck.slides.count == 7)
        let pie = try #require(deck.slides[4].shapes.first?.chart)
        #expect(pie.type == "pieChart")
        #expect(pie.series.map(\.name) == ["Sales"])
        #expect(pie.categories == ["1st Qtr", "2nd Qtr", "3rd Qtr"])
        #expect(pie.series[0].values == ["8.2", "3.2", "1.4"])
        let scatter = try #require(deck.slides[5].shapes.first?.chart)
        #expect(scatter.type == "scatterChart")
        #expect(scatter.series.map(\.categories) == [["0.7", "1.8", "2.6"], ["0.7", "1.8", "2.6"]])
        #expect(scatter.series.map(\.values) == [["7.2", "2.3", "8.0"], ["2.7", "3.2", "0.8"]])
        let bubble = try #require(deck.slides[6].shapes.first?.chart)
        #expect(bubble.type == "bubbleChart")
        #expect(bubble.series.map(\.name) == ["Series 1", "Series 2"])
        #expect(bubble.series[1].categories == ["7.0", "8.1", "6.2"])
        #expect(bubble.series[1].values == ["7.2", "2.3", "8.0"])
        #expect(bubble.series[1].bubbleSizes == ["8.0", "10.0", "4.0"])
    }

    @Test func multiLevelCategoriesGiveTheInnermostLevel() throws {
        let deck = try OOXMLFixtures.presentation("cht-category-access.pptx")
        let chart = try #require(deck.slides[3].shapes.first?.chart)
        #expect(chart.categories == ["SF", "LA", "NY", "Albany"])
        #expect(chart.series.map(\.name) == ["Series 1", "Series 2", "Series 3"])
        #expect(chart.series[1].values == ["2.4", "4.4", "1.8", "2.8"])
    }

    @Test func titlesBodiesAndNotes() throws {
        let deck = try OOXMLFixtures.presentation("ph-inherit-props.pptx")
        #expect(deck.slides.map(\.title) == ["Title Text", nil])
        let body = deck.slides[0].shapes[1]
        #expect(body.placeholder == "obj")
        #expect(body.paragraphs.map(\.text) == ["Body Text"])
        #expect(body.paragraphs.map(\.list) == [.bullet])
        #expect(deck.slides.map { $0.notes.map(\.text) } == [["Notes in inherited position and size."], ["Notes in modified position and size."]])
        #expect(deck.slides[1].notes[0].locator == "slide 2, notes, paragraph 1")
        let outline = deck.outline()
        #expect(outline.root.subsections.map(\.heading) == ["Title Text", nil])
        #expect(outline.root.subsections[0].notes.map(\.text) == ["Notes in inherited position and size."])
        #expect(!outline.mainText.contains("Notes in"))

        let notes = try OOXMLFixtures.presentation("sld-notes.pptx")
        #expect(notes.slides.map { $0.notes.map(\.text) } == [["Notes"], []])
    }

    @Test func tablesWithMergedCells() throws {
        let deck = try OOXMLFixtures.presentation("tbl-cell.pptx")
        #expect(deck.slides.count == 3)
        let first = try #require(deck.slides[0].shapes.first?.table)
        #expect(first.header == ["having custom margins", "vert anchor is inherited", "vert anchor is top", "vert anchor is bottom"])
        #expect(first.rows.map { $0.cells.map(\.text) } == [["unladen swallows", "", "", ""], ["", "", "", ""], ["", "", "", ""]])
        #expect(deck.slides[1].shapes.compactMap(\.table).map { $0.header.first } == ["merged cell", "merged cell"])
        #expect(deck.slides[1].shapes.compactMap(\.table).map { $0.rows.count } == [2, 3])
        let letters = try #require(deck.slides[2].shapes.first?.table)
        #expect(letters.header == ["a", "b", "c"])
        #expect(letters.rows.map { $0.cells.map(\.text) } == [["d", "e", "f"], ["g", "h", "i"]])
    }

    @Test func everyKindOfShapeOnOneSlide() throws {
        let deck = try OOXMLFixtures.presentation("shp-shapes.pptx")
        let shapes = deck.slides[0].shapes
        #expect(deck.slides[0].title == "shapes[0]")
        #expect(shapes.map(\.kind) == [.shape, .shape, .picture, .table, .chart, .diagram])
        #expect(shapes[1].paragraphs.map(\.text) == ["shapes[1]", "Picture is shapes[2]"])
        #expect(shapes[1].paragraphs.map(\.list) == [.bullet, .bullet])
        #expect(shapes[3].table?.header == ["shapes[3]", ""])
        let chart = try #require(shapes[4].chart)
        #expect(chart.title == "shapes[4]")
        #expect(chart.categories == ["1st Qtr", "2nd Qtr", "3rd Qtr", "4th Qtr"])
        #expect(chart.series[0].values == ["8.2", "3.2", "1.4", "1.2"])
        #expect(shapes[5].paragraphs.map(\.text) == ["shapes[5]", "Smart Art"])
        #expect(deck.slides[1].shapes.map(\.kind) == [.connector, .picture, .shape, .shape, .shape, .shape])
    }

    @Test func slideOrderAndSoftLineBreaks() throws {
        let deck = try OOXMLFixtures.presentation("dml-line.pptx")
        #expect(deck.slides.map { $0.shapes.first?.paragraphs.first?.text } == [
            "Inherited Outline Format", "No (directly-applied)", "No (directly applied) line width", "Inherited Line dash style",
        ])
        #expect(deck.slides[1].shapes[0].paragraphs.map(\.text) == ["No (directly-applied)", "Outline Color"])
        #expect(deck.slides[3].shapes.map { $0.paragraphs.first?.lines ?? [] } == [
            ["Inherited Line", "dash style"], ["Solid", "dash style"], ["Dash", "dash style"], ["Dash-dot", "dash style"],
        ])
    }

    @Test func centeredTitleAndSubtitle() throws {
        // slideLayout11 has no relationships part; it is not needed.
        let deck = try OOXMLFixtures.presentation("missing_rels_item.pptx")
        #expect(deck.slides.map(\.title) == ["Presentation Title Text"])
        #expect(deck.slides[0].shapes.map(\.placeholder) == ["ctrTitle", "subTitle"])
        let outline = deck.outline()
        #expect(outline.root.subsections[0].blocks.map(\.text) == ["Subtitle Text"])
        guard case .paragraph = outline.root.subsections[0].blocks.first else {
            Issue.record("a subtitle is not a bulleted list")
            return
        }
        #expect(try OOXMLFixtures.presentation("no-slides.pptx").slides.isEmpty)
    }

    // MARK: Word documents

    @Test func wordHyperlinks() throws {
        let document = try OOXMLFixtures.word("par-hyperlinks.docx")
        #expect(document.paragraphs.map(\.text) == ["No hyperlinks", "One awesome hyperlink.", "Three hyperlinks: the first one here, the second one, and the third."])
        #expect(document.paragraphs[1].links == [Link(text: "awesome hyperlink", url: "http://yahoo.com/", locator: "paragraph 2")])
        #expect(document.paragraphs[2].links.map(\.text) == ["the first one", "second one", "third"])
        #expect(document.paragraphs[2].links.map(\.url) == ["http://google.com/", "http://python.org/", "http://yahoo.com/"])
    }

    @Test func wordHyperlinkFragmentsAndBookmarks() throws {
        let document = try OOXMLFixtures.word("par-hlink-frags.docx")
        #expect(document.paragraphs.count == 9)
        #expect(document.paragraphs.map { $0.links.map(\.url) } == [
            [], [], ["https://foo.com"], ["https://foo.com?q=bar"], ["http://foo.com/#intro"], ["https://foo.com?q=bar#baz"], [],
            ["court-exif.jpg"], [],
        ])
        let resolved = try WordDocumentReader().read(OOXMLFixtures.bytes("docx", "par-hlink-frags.docx"), url: "https://example.se/docs/a.docx")
        #expect(resolved.paragraphs[7].links.map(\.url) == ["https://example.se/docs/court-exif.jpg"])
    }

    @Test func wordTablesAndMergedCells() throws {
        let document = try OOXMLFixtures.word("tbl-cell-access.docx")
        #expect(document.tables.count == 4)
        #expect(document.tables.map(\.locator) == ["table 1", "table 2", "table 3", "table 4"])
        #expect(document.tables.map(\.header) == [["1", "2", "3"], ["1", "2", "3"], ["1", "2", "3"], ["1", "2", "3"]])
        #expect(document.tables.map { $0.rows.map { $0.cells.map(\.text) } } == [
            [["4", "5", "6"], ["7", "8", "9"]], [["4", "6"], ["7", "8", "9"]], [["4", "5", "6"], ["7", "", "9"]], [["4", "6"], ["", "9"]],
        ])
        #expect(document.tables[1].rows[1].locator == "table 2, row 3")
        let styled = try OOXMLFixtures.word("tbl-having-applied-style.docx")
        #expect(styled.tables.count == 3)
        #expect(styled.tables[2].header == ["foobar", "barfoo"])
        #expect(styled.tables[2].rows.last?.cells.map(\.text) == ["foo to you", "and a hearty foo to you too sir!"])
    }

    @Test func wordBlocksInOrderWithNestedTablesAndHeaders() throws {
        let document = try OOXMLFixtures.word("blk-paras-and-tables.docx")
        let kinds = document.body.map { if case .table = $0 { "T" } else { "P" } }
        #expect(kinds == ["T", "P", "T", "P", "T", "P"])
        #expect(document.paragraphs.map(\.text) == ["Lorem ipsum dolor sit amet, consectetur adipiscing elit.", "Donec semper facilisis metus finibus malesuada.", ""])
        #expect(document.tables[1].rows.map { $0.cells.map(\.text) } == [["Text before Table Between Text after"]])
        #expect(document.headers.map(\.text) == ["Left-side | Right-side"])
        #expect(document.footers.map(\.text) == ["Copyright | Page-number"])
        let outline = document.outline()
        #expect(outline.mainText == "Lorem ipsum dolor sit amet, consectetur adipiscing elit.\nText before Table Between Text after\nDonec semper facilisis metus finibus malesuada.")
        #expect(!outline.mainText.contains("Left-side"))
    }

    @Test func wordHeadersAndFootersPerSection() throws {
        let document = try OOXMLFixtures.word("hdr-header-footer.docx")
        #expect(document.paragraphs.map(\.text) == ["section with header", "", "section without header of its own."])
        #expect(document.headers.map(\.text) == ["", "Header for section-1", ""])
        #expect(document.headers.map(\.type) == ["even", "default", "first"])
        #expect(document.footers.map(\.text) == ["", "Footer for section 1", ""])
        #expect(document.outline().headers.map(\.text) == ["Header for section-1"])

        let firstPage = try OOXMLFixtures.word("sct-first-page-hdrftr.docx")
        #expect(firstPage.headers.map(\.text) == ["Default (odd, primary) Header", "First Page Header (section 2)"])
        #expect(firstPage.headers.map(\.type) == ["default", "first"])
        #expect(firstPage.paragraphs.map(\.text).filter { !$0.isEmpty } == [
            "First page.", "Second (even) page.", "Third (odd) page.", "Page 4, First Page of second section.", "Page 6, Third page of section 2.",
        ])
    }

    @Test func wordHeadingStyles() throws {
        let document = try OOXMLFixtures.word("test.docx")
        #expect(document.paragraphs.map(\.text) == ["python-docx was here!", "python-docx was here too!"])
        #expect(document.paragraphs.map(\.headingLevel) == [1, nil])
        #expect(document.paragraphs[0].style == "heading 1")
        let outline = document.outline()
        #expect(outline.root.subsections.map(\.heading) == ["python-docx was here!"])
        #expect(outline.root.subsections[0].blocks.map(\.text) == ["python-docx was here too!"])

        let known = try OOXMLFixtures.word("par-known-styles.docx")
        #expect(known.paragraphs.map(\.style) == ["Normal", "Foobar", "heading 1", "Body Text", "Normal"])
        #expect(known.paragraphs.map(\.headingLevel) == [nil, nil, 1, nil, nil])
        #expect(known.outline().root.blocks.map(\.text) == ["no specified style", "missing style"])
    }

    @Test func wordListStyleNumbering() throws {
        let document = try OOXMLFixtures.word("num-having-numbering-part.docx")
        #expect(document.paragraphs.map(\.list) == [.numbered])
        #expect(document.paragraphs.map(\.listID) == ["6"])
        guard case let .list(list) = document.outline().root.blocks.first else {
            Issue.record("expected a list")
            return
        }
        #expect(list.ordered)
        #expect(list.items.map(\.text) == ["Paragraph having List Number style."])
    }

    @Test func wordParagraphAndTableOrder() throws {
        let document = try OOXMLFixtures.word("sct-inner-content.docx")
        let texts = document.body.map { block -> String in
            switch block {
            case let .paragraph(p): p.text
            case let .table(t): (t.header + (t.rows.first?.cells.map(\.text) ?? [])).first { !$0.isEmpty } ?? ""
            }
        }
        #expect(texts == ["P1", "T2", "P3", "T4", "P5", "P6", "P7", "P8", "P9"])
        #expect(document.paragraphs.map(\.locator) == (1...7).map { "paragraph \($0)" })
    }

    @Test func wordCommentsAndTabs() throws {
        let comments = try OOXMLFixtures.word("comments-rich-para.docx")
        #expect(comments.paragraphs.map(\.text).filter { !$0.isEmpty } == [
            "Document text", "Some text worthy of note.", "Other document text.", "Other text worthy of note.", "Paragraph 5", "Paragraph 6", "Paragraph 7",
        ])
        let tabs = try OOXMLFixtures.word("tab-stops.docx")
        #expect(tabs.paragraphs.map(\.text) == ["Default tab stops", "Assigned Left center right", "-0.5 0.5"])
        let properties = try OOXMLFixtures.word("doc-coreprops.docx")
        #expect(properties.title == "Title")
        #expect(properties.language == "Language")
    }
}
