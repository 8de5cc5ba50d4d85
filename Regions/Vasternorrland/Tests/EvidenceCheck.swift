import Documents
import Foundation
import Markup
import RegionSupport
import StrategyModel
import Testing

/// Every `Evidence` inside `value` (a profile, a strategy, …), found by reflection so that no
/// field is forgotten.
func allEvidence(in value: Any) -> [Evidence] {
    if let evidence = value as? Evidence { return [evidence] }
    return Mirror(reflecting: value).children.flatMap { allEvidence(in: $0.value) }
}

/// The texts each locator of a document stands for: headings, paragraphs, lists and their
/// items, links, tables, rows and the lists inside cells; for feeds, each item's title and
/// summary.
func textsByLocator(_ document: SourceDocument) -> [String: [String]] {
    var map: [String: [String]] = [:]
    func add(_ locator: String, _ text: String) { map[locator, default: []].append(text) }
    func addList(_ list: ListBlock) {
        add(list.locator, list.text)
        for item in list.items {
            add(item.locator, item.text)
            item.links.forEach { add($0.locator, $0.text) }
            item.sublists.forEach(addList)
        }
    }
    func walk(_ section: OutlineSection) {
        if let heading = section.heading { add(section.locator, heading) }
        for block in section.blocks {
            switch block {
            case let .paragraph(p):
                add(p.locator, p.text)
                p.links.forEach { add($0.locator, $0.text) }
            case let .list(l):
                addList(l)
            case let .table(t):
                add(t.locator, t.text)
                for row in t.rows {
                    add(row.locator, row.cells.map(\.text).joined(separator: " | "))
                    for cell in row.cells {
                        cell.links.forEach { add($0.locator, $0.text) }
                        cell.lists.forEach(addList)
                    }
                }
            }
        }
        section.subsections.forEach(walk)
    }
    if let page = document.page { walk(page.root) }
    if let feed = document.feed {
        for item in feed.items { add(item.locator, [item.title, item.summary].compactMap { $0 }.joined(separator: "\n")) }
    }
    return map
}

/// The excerpt without the "…" that ``Evidence/shorten(_:)`` adds.
func excerptCore(_ excerpt: String) -> String {
    excerpt.hasSuffix("…") ? String(excerpt.dropLast()) : excerpt
}

/// Checks that every piece of evidence in `profile` names a document of `documents` by URL and
/// SHA-256, has a locator, and quotes text that occurs at that locator: in the outline (or the
/// feed item) the locator belongs to, in the page's main text (or the text of the lists in its
/// table cells), and in the element the XPath selects in the raw bytes.
func checkEvidence(in profile: RegionProfile, documents: DocumentSet, raw: [RawDocument], sourceLocation: SourceLocation = #_sourceLocation) {
    let evidence = allEvidence(in: profile)
    #expect(!evidence.isEmpty || profile.strategies.isEmpty && profile.news.isEmpty, sourceLocation: sourceLocation)
    var maps: [String: [String: [String]]] = [:]
    for item in evidence {
        guard let document = documents.document(at: item.sourceURL) else {
            Issue.record("evidence names a document that was not read: \(item.sourceURL)", sourceLocation: sourceLocation)
            continue
        }
        #expect(item.snapshotSHA256 == document.sha256, sourceLocation: sourceLocation)
        #expect(!item.locator.isEmpty, "empty locator for \(item.excerpt)", sourceLocation: sourceLocation)
        #expect(!item.excerpt.isEmpty, sourceLocation: sourceLocation)
        let core = excerptCore(item.excerpt)
        let map = maps[document.url] ?? textsByLocator(document)
        maps[document.url] = map
        let texts = map[item.locator] ?? []
        #expect(texts.contains { $0.contains(core) }, "«\(item.excerpt)» is not at \(item.locator) in \(document.url)", sourceLocation: sourceLocation)
        if let page = document.page {
            let cellLists = page.root.allBlocks.compactMap { block -> String? in
                guard case let .table(t) = block else { return nil }
                return t.rows.flatMap(\.cells).flatMap(\.lists).map(\.text).joined(separator: "\n")
            }
            let text = ([page.mainText] + cellLists).joined(separator: "\n")
            #expect(text.contains(core), "«\(item.excerpt)» is not in the main text of \(document.url)", sourceLocation: sourceLocation)
        }
        // The XPath selects an element of the raw document whose text holds the excerpt.
        if let bytes = raw.first(where: { $0.url == document.url }) {
            var options = ParseOptions()
            options.transportCharset = bytes.charset
            let parsed: MarkupDocument?
            if document.page != nil {
                parsed = try? MarkupDocument(html: bytes.bytes, options: options)
            } else {
                parsed = try? MarkupDocument(xml: bytes.bytes, options: options)
            }
            let nodes = (try? parsed?.select(item.locator)) ?? []
            #expect(nodes.count == 1, "\(item.locator) selects \(nodes.count) elements in \(document.url)", sourceLocation: sourceLocation)
            let fold = { (s: String) in s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ") }
            // A table row is quoted as its cells joined with " | ": each cell's text must be in the row.
            let parts = nodes.first?.name == "tr"
                ? core.components(separatedBy: " | ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                : [core]
            #expect(nodes.contains { node in parts.allSatisfy { fold(node.normalizedText).contains(fold($0)) } },
                    "«\(item.excerpt)» is not in the element \(item.locator)", sourceLocation: sourceLocation)
        }
    }
}
