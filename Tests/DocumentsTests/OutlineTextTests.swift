import Foundation
import Testing
@testable import Documents

/// ``OutlineSection/text`` is written into one string by ``OutlineTextWriter``; it must give what
/// joining the lines of every section, block, list item and row gives, as the text was first
/// defined (kept here as the reference).
@Suite("Outline text written at once agrees with the joins")
struct OutlineTextTests {
    static func referenceText(_ section: OutlineSection) -> String {
        var lines: [String] = []
        if let heading = section.heading { lines.append(heading) }
        lines += section.blocks.map(referenceText)
        lines += section.subsections.map(referenceText)
        return lines.filter { !$0.isEmpty }.joined(separator: "\n")
    }

    static func referenceText(_ block: Block) -> String {
        switch block {
        case let .paragraph(p): p.lines.joined(separator: " ")
        case let .list(l): referenceText(l)
        case let .table(t):
            ([t.header.joined(separator: " | ")] + t.rows.map { $0.cells.map(\.text).joined(separator: " | ") })
                .filter { !$0.isEmpty }.joined(separator: "\n")
        }
    }

    static func referenceText(_ list: ListBlock) -> String {
        list.items.map { item in ([item.text] + item.sublists.map(referenceText)).joined(separator: " ") }.joined(separator: "\n")
    }

    static func paragraph(_ lines: [String]) -> Block { .paragraph(TextBlock(lines: lines, links: [], locator: "")) }

    static func list(_ items: [(String, [ListBlock])]) -> ListBlock {
        ListBlock(ordered: false, items: items.map { ListItem(text: $0.0, links: [], sublists: $0.1, locator: "") }, locator: "")
    }

    static func table(_ header: [String], _ rows: [[String]]) -> Block {
        .table(TableBlock(caption: nil, header: header, rows: rows.map { cells in
            TableRow(cells: cells.map { TableCell(text: $0, isHeader: false) }, locator: "")
        }, locator: ""))
    }

    /// Empty lines, items, cells, headers and sections wherever they can be.
    static var madeUpSections: [OutlineSection] {
        let blocks: [Block] = [
            paragraph([]), paragraph([""]), paragraph(["", ""]), paragraph(["a"]), paragraph(["a", "", "b"]), paragraph(["\r"]),
            .list(list([])), .list(list([("", [])])), .list(list([("", []), ("", [])])), .list(list([("x", [list([("", [])])])])),
            .list(list([("", [list([])])])), .list(list([("i", [list([("j", [])]), list([])]), ("", [])])),
            table([], []), table([""], []), table(["", ""], []), table([], [[]]), table([], [[""]]), table(["h"], [[""], ["a", "b"], []]),
            table([""], [["", ""]]),
            // Not ASCII: the writer's string must know it is not.
            paragraph(["Åtgärd", "", "för 2030 – mål"]), .list(list([("ö", [list([("€", [])])])])), table(["ä"], [["", "ü"]]),
        ]
        var sections: [OutlineSection] = []
        for heading in [nil, "", "Rubrik", "\n"] {
            for (i, block) in blocks.enumerated() {
                let others = [blocks[(i + 3) % blocks.count], blocks[(i * 7 + 1) % blocks.count]]
                let empty = OutlineSection(heading: nil, level: 2, locator: "")
                let inner = OutlineSection(heading: i % 2 == 0 ? "" : "Under", level: 3, locator: "", blocks: others)
                sections.append(OutlineSection(heading: heading, level: 1, locator: "", blocks: [block]))
                sections.append(OutlineSection(heading: heading, level: 1, locator: "", blocks: [block] + others, subsections: [empty, inner, empty]))
                sections.append(OutlineSection(heading: heading, level: 1, locator: "", blocks: [], subsections: [empty, OutlineSection(
                    heading: nil, level: 2, locator: "", blocks: [], subsections: [inner, empty]), inner]))
            }
        }
        return sections
    }

    @Test func madeUpOutlinesGiveTheJoinedText() {
        for section in Self.madeUpSections {
            #expect(section.text.utf8.elementsEqual(Self.referenceText(section).utf8), "\(section)")
        }
    }

    @Test func pagesGiveTheJoinedText() throws {
        let folder = ProjectFiles.sharedTestData.appendingPathComponent("trafilatura/pages")
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
            print("OutlineTextTests: \(folder.path) is absent; only made-up outlines are checked")
            return
        }
        for file in files.sorted() {
            let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(file)))
            let outline = try HTMLPageReader().read(bytes)
            let text = outline.mainText
            #expect(text.utf8.elementsEqual(Self.referenceText(outline.root).utf8), "\(file)")
        }
    }
}
