public import StrategyModel
import Documents
import Foundation

/// Turns feed items into ``/StrategyModel/NewsItem``s with evidence. Region modules use it as is, or filter
/// its result.
public struct NewsReader: Sendable {
    /// The region's id; item ids are `<regionID>.news.<key>`.
    public var regionID: String

    /// A reader making news items for the region with id `regionID`.
    public init(regionID: String) {
        self.regionID = regionID
    }

    /// Items of every feed in `documents`, in feed order, without duplicates (same id or link).
    public func items(from documents: DocumentSet) -> [NewsItem] {
        var seen = Set<String>()
        var result: [NewsItem] = []
        for document in documents.feeds {
            guard let feed = document.feed else { continue }
            for item in feed.items {
                // The plain title is made from its detail when read: once.
                let title = item.title
                let key = item.id ?? item.link ?? title ?? item.locator
                guard let title, seen.insert(key).inserted else { continue }
                result.append(NewsItem(
                    id: Slug.id(regionID, "news", key.count > 80 ? SHA256.hex(of: Array(key.utf8)).prefix(16).description : key),
                    title: title,
                    link: item.link,
                    published: item.date,
                    summary: item.summary,
                    categories: item.categories,
                    evidence: document.evidence(at: item.locator, excerpt: title)
                ))
            }
        }
        return result
    }

    /// Newest first; undated items last, keeping their order.
    public static func sorted(_ items: [NewsItem]) -> [NewsItem] {
        let dated = items.filter { $0.published != nil }.sorted { $0.published! > $1.published! }
        return dated + items.filter { $0.published == nil }
    }
}

/// Finds references to the frameworks every strategy relates to.
public enum FrameworkDetector {
    static let cues: [(FrameworkReference.Framework, [String])] = [
        (.agenda2030, ["agenda 2030", "globala målen", "globala hållbarhetsmålen"]),
        (.nationalStrategy, ["nationell strategi för hållbar regional utveckling", "nationella strategin för hållbar regional", "ny nationell strategi", "skr. 2020/21:133", "nationella strategin"]),
        (.euCohesionPolicy, ["sammanhållningspolitik", "regionalfonden", "regionalfond", "strukturfond", "interreg", "socialfonden"]),
        (.regionalGrowthFunds, ["regionala tillväxtmedel", "anslag 1:1", "tillväxtmedlen"]),
        (.smartSpecialisation, ["smart specialisering", "smarta specialisering"]),
    ]

    /// One reference per framework mentioned in the pages, with the first sentence that
    /// mentions it as evidence.
    public static func references(in documents: [SourceDocument]) -> [FrameworkReference] {
        var result: [FrameworkReference] = []
        for (framework, words) in cues {
            search: for document in documents {
                guard let root = document.rootSection else { continue }
                for block in root.section.allBlocks {
                    let text: String
                    switch block {
                    case let .paragraph(p): text = p.text
                    case let .list(l): text = l.text
                    case let .table(t): text = t.text
                    }
                    let folded = Text.fold(text)
                    if let word = words.first(where: { folded.contains($0) }) {
                        let sentence = Text.sentences(text).first { Text.fold($0).contains(word) } ?? text
                        result.append(FrameworkReference(framework: framework, evidence: document.evidence(at: block.locator, excerpt: sentence)))
                        break search
                    }
                }
                for section in document.sections {
                    if let heading = section.section.heading, words.contains(where: { Text.fold(heading).contains($0) }) {
                        result.append(FrameworkReference(framework: framework, evidence: section.evidence))
                        break search
                    }
                }
            }
        }
        return result
    }
}
