public import Foundation
public import RegionSupport
public import StrategyModel

/// Region Blekinge (county code 10): its regional development strategies "Växtplats Blekinge"
/// (to 2030) and "Attraktiva Blekinge" (2014–2020), its strategy for smart specialisation, the
/// projects and regional growth funds tied to them, and its news feed.
///
/// Everything is read from the documents by what they say: a strategy is found by a heading that
/// names it (its own page, or a section of an overview page), its parts by heading words
/// ("Strategiska områden", "Mål", "Förhållningssätt") and Swedish keywords ("antogs av",
/// "remiss", "ersattes"). The follow-up slide deck (.pptx) is read like a page, a slide being a
/// section: its steps by their slide titles ("Q1 Kartbilder"), its funding chart by its text
/// (amounts, the goal labels after them, "fördelat mellan RUS-mål"); it belongs to the strategy
/// whose follow-up page links to it. The only literals below are the region's identity, the
/// source URLs and the words searched for.
public struct Blekinge: RegionModule {
    public init() {}

    public var region: Region {
        Region(
            id: "blekinge", name: "Blekinge", countyCode: "10", nutsCode: "SE221",
            organisation: "Region Blekinge", website: "https://www.regionblekinge.se"
        )
    }

    public var sources: [SourceDescriptor] {
        let base = "https://www.regionblekinge.se/regional-utveckling/regional-utvecklingsstrategi"
        return [
            SourceDescriptor(url: base + ".html", role: .overview, snapshotFile: "regional-utvecklingsstrategi.html"),
            SourceDescriptor(url: base + "/vaxtplats-blekinge.html", role: .strategy, snapshotFile: "vaxtplats-blekinge.html"),
            SourceDescriptor(url: base + "/attraktiva-blekinge-2014-2020.html", role: .history, snapshotFile: "attraktiva-blekinge.html"),
            SourceDescriptor(url: base + "/smart-specialisering.html", role: .smartSpecialisation, snapshotFile: "smart-specialisering.html"),
            SourceDescriptor(url: base + "/uppfoljning-av-rus.html", role: .followUp, snapshotFile: "uppfoljning-rus.html"),
            SourceDescriptor(
                url: "https://www.regionblekinge.se/download/18.71d7cb8e262a5005b29c3f0/1731574211806/Genomforande-och-uppfoljning-av-RUS.pptx",
                role: .followUp, snapshotFile: "genomforande-och-uppfoljning-av-rus.pptx"
            ),
            SourceDescriptor(
                url: "https://www.regionblekinge.se/4.d40eb44555b54166b892aa5/12.d611d97f9d7d25f9ad25c13.portlet?state=rss&sv.contenttype=text/xml;charset=UTF-8",
                role: .news, snapshotFile: "nyheter.xml"
            ),
        ]
    }

    public var bundledSnapshot: URL? { Bundle.module.url(forResource: "Snapshot", withExtension: nil) }

    public func strategies(from documents: DocumentSet) throws -> [Strategy] {
        Reader(regionID: region.id, documents: documents).strategies()
    }

    public func projects(from documents: DocumentSet) throws -> [Project] {
        Reader(regionID: region.id, documents: documents).projects()
    }

    public func funding(from documents: DocumentSet) throws -> [FundingRecord] {
        Reader(regionID: region.id, documents: documents).funding()
    }
}

/// One strategy the region publishes and the words that name it.
struct StrategySpec: Sendable {
    /// The short name its id is made from (`blekinge.vaxtplats`).
    var shortName: String
    /// A heading naming the strategy contains all of these (its page's main heading, or an
    /// overview section's heading).
    var headingWords: [String]
    /// Text that refers to the strategy contains one of these.
    var mentionWords: [String]
    var kind: Strategy.Kind
}

/// Reads one set of documents. Pure: values in, values out.
struct Reader {
    let regionID: String
    let documents: DocumentSet

    /// The strategies, by the words that name them.
    static let specs: [StrategySpec] = [
        StrategySpec(shortName: "Växtplats", headingWords: ["Växtplats"], mentionWords: ["Växtplats"], kind: .regionalDevelopment),
        StrategySpec(
            shortName: "Attraktiva Blekinge", headingWords: ["Attraktiva Blekinge"],
            mentionWords: ["Attraktiva Blekinge", "Blekingestrategin"], kind: .regionalDevelopment
        ),
        StrategySpec(
            shortName: "Smart specialisering", headingWords: ["smart specialisering"],
            mentionWords: ["smart specialisering", "smarta specialisering"], kind: .smartSpecialisation
        ),
    ]

    func strategyID(_ spec: StrategySpec) -> String { Slug.id(regionID, spec.shortName) }

    func strategies() -> [Strategy] {
        Self.specs.compactMap(strategy)
    }
}
