import Foundation
import Testing
import Markup
import RegionalStrategies

/// Every fact of every bundled region must lead back to its source: the URL and SHA-256 of a
/// document that was read, a locator that selects a node in it, and an excerpt that is there.
@Suite("Provenance of the bundled regions")
struct ProvenanceTests {
    static let profiles: [RegionProfile] = BundledRegions.all.compactMap { try? StrategyLoader.bundledProfile(of: $0) }

    @Test func everyBundledRegionLoads() throws {
        for module in BundledRegions.all {
            let profile = try StrategyLoader.bundledProfile(of: module)
            #expect(profile.region == module.region)
            #expect(!profile.strategies.isEmpty, "\(module.region.id) has no strategies")
            #expect(!profile.news.isEmpty, "\(module.region.id) has no news")
        }
        #expect(Self.profiles.count == 3)
    }

    @Test func sourcesMatchTheModulesDeclaredSources() throws {
        for module in BundledRegions.all {
            let profile = try StrategyLoader.bundledProfile(of: module)
            #expect(Set(profile.sources.map(\.url)) == Set(module.sources.map(\.url)), "\(module.region.id): sources and snapshot disagree")
            #expect(profile.sources.allSatisfy { $0.origin == "reconstruction" })
        }
    }

    @Test(arguments: ["blekinge", "kalmar", "vasternorrland"])
    func everyEvidenceLeadsToItsExcerpt(regionID: String) throws {
        let module = try #require(BundledRegions.module(id: regionID))
        let profile = try StrategyLoader.bundledProfile(of: module)
        let folder = try #require(module.bundledSnapshot)
        let snapshot = try Snapshot(directory: folder)
        var documents: [String: (sha: String, doc: MarkupDocument)] = [:]
        var officeTexts: [String: (sha: String, byLocator: [String: String])] = [:]
        for raw in snapshot.documents {
            if DocumentSniffer.officeFormat(of: raw.bytes, mediaType: raw.mediaType) != nil {
                // Office files have no XPath: their locators ("slide 3, shape 4, paragraph 1")
                // name blocks of the outline, which is read again here.
                let outline = try OfficeReader().outline(raw.bytes, url: raw.url)
                officeTexts[raw.url] = (SHA256.hex(of: raw.bytes), OutlineLocators.texts(of: outline))
                continue
            }
            let isFeed = raw.mediaType?.contains("xml") == true
            let doc = isFeed
                ? try MarkupDocument(xml: raw.bytes, options: ParseOptions(transportCharset: raw.charset))
                : try MarkupDocument(html: raw.bytes, options: ParseOptions(transportCharset: raw.charset))
            documents[raw.url] = (SHA256.hex(of: raw.bytes), doc)
        }
        let evidence = EvidenceCollector.all(in: profile)
        #expect(evidence.count > 30)
        for e in evidence {
            if let office = officeTexts[e.sourceURL] {
                #expect(e.snapshotSHA256 == office.sha, "\(e.sourceURL): SHA-256 differs")
                guard let text = office.byLocator[e.locator] else {
                    Issue.record("\(regionID): no block at \(e.locator) in \(e.sourceURL)")
                    continue
                }
                let excerpt = squeeze(e.excerpt.hasSuffix("…") ? String(e.excerpt.dropLast()) : e.excerpt)
                #expect(squeeze(text).contains(excerpt), "\(regionID): '\(e.excerpt)' is not at \(e.locator) in \(e.sourceURL) (text there: \(text.prefix(200)))")
                continue
            }
            guard let source = documents[e.sourceURL] else {
                Issue.record("\(regionID): evidence names \(e.sourceURL), which is not in the snapshot")
                continue
            }
            #expect(e.snapshotSHA256 == source.sha, "\(e.sourceURL): SHA-256 differs")
            let nodes = try source.doc.select(e.locator)
            guard let node = nodes.first, nodes.count == 1 else {
                Issue.record("\(regionID): locator \(e.locator) selects \(nodes.count) nodes in \(e.sourceURL)")
                continue
            }
            let text = squeeze(node.normalizedText)
            let excerpt = squeeze(e.excerpt.hasSuffix("…") ? String(e.excerpt.dropLast()) : e.excerpt)
            #expect(!excerpt.isEmpty, "\(regionID): empty excerpt at \(e.locator)")
            #expect(text.contains(excerpt), "\(regionID): '\(e.excerpt)' is not at \(e.locator) in \(e.sourceURL) (text there: \(node.normalizedText.prefix(200)))")
        }
    }

    /// Text without whitespace and table-cell separators, for comparing excerpts.
    private func squeeze(_ s: String) -> String {
        String(s.unicodeScalars.filter { !$0.properties.isWhitespace && $0 != "|" && $0 != "\u{AD}" }.map(Character.init))
    }
}

/// The text of every located block of an outline (headings, paragraphs, list items, table rows,
/// notes), by locator.
enum OutlineLocators {
    static func texts(of outline: PageOutline) -> [String: String] {
        var result: [String: String] = [:]
        func add(_ blocks: [Block]) {
            for block in blocks {
                result[block.locator, default: ""] += block.text
                switch block {
                case .paragraph: continue
                case let .list(list):
                    func items(_ list: ListBlock) {
                        for item in list.items {
                            result[item.locator] = ([item.text] + item.sublists.map(\.text)).joined(separator: " ")
                            item.sublists.forEach(items)
                        }
                    }
                    items(list)
                case let .table(table):
                    for row in table.rows { result[row.locator] = row.cells.map(\.text).joined(separator: " ") }
                }
            }
        }
        for section in outline.allSections {
            if let heading = section.heading { result[section.locator] = heading }
            add(section.blocks)
            add(section.notes)
        }
        return result
    }
}

/// Walks a profile and returns every `Evidence` in it, using the JSON form so that no field
/// added to the model later can be missed.
enum EvidenceCollector {
    static func all(in profile: RegionProfile) -> [Evidence] {
        guard let data = try? StrategyJSON.encoder().encode(profile),
              let object = try? JSONSerialization.jsonObject(with: data) else { return [] }
        var found: [Evidence] = []
        func visit(_ value: Any) {
            if let dict = value as? [String: Any] {
                if let url = dict["sourceURL"] as? String, let sha = dict["snapshotSHA256"] as? String,
                   let locator = dict["locator"] as? String, let excerpt = dict["excerpt"] as? String {
                    found.append(Evidence(sourceURL: url, snapshotSHA256: sha, locator: locator, excerpt: excerpt))
                }
                dict.values.forEach(visit)
            } else if let array = value as? [Any] {
                array.forEach(visit)
            }
        }
        visit(object)
        return found
    }
}
