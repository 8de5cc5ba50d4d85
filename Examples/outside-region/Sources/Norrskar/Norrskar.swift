public import Foundation
public import RegionalStrategies

/// EXAMPLE — Norrskär, a fictional region, read from a snapshot written for this example.
///
/// It shows that a region module can live outside the library and use only its public API:
/// `RegionModule`, the toolkit (`pageHeading`, `passages`, `sections(headed:)`, `items()`,
/// `SwedishPeriod`, `SwedishDate`) and the model. The county code 99 and everything on the pages
/// are made up; the URLs are under example.org.
public struct Norrskar: RegionModule {
    public init() {}

    public var region: Region {
        Region(id: "norrskar", name: "Norrskär (exempel)", countyCode: "99", nutsCode: "", organisation: "Region Norrskär (exempel)", website: "https://example.org/norrskar/")
    }

    public var sources: [SourceDescriptor] {
        [
            SourceDescriptor(url: "https://example.org/norrskar/regional-utvecklingsstrategi/", role: .strategy, snapshotFile: "regional-utvecklingsstrategi.html"),
            SourceDescriptor(url: "https://example.org/norrskar/nyheter/rss/", role: .news, snapshotFile: "nyheter.xml"),
        ]
    }

    public var bundledSnapshot: URL? { Bundle.module.url(forResource: "Snapshot", withExtension: nil) }

    /// The strategy page: title (its heading), period and adoption (from the sentence that gives
    /// them), vision, and the priority areas (sub-headings) with their goals (list items).
    public func strategies(from documents: DocumentSet) throws -> [Strategy] {
        guard let page = documents.pages(about: ["utvecklingsstrategi"]).first, let title = page.pageHeading else { return [] }
        let id = Slug.id(region.id, "Norrskär 2035")
        var strategy = Strategy(id: id, title: title.fact)
        for passage in page.passages {
            if strategy.period == nil, let period = SwedishPeriod.find(in: passage.text) {
                strategy.period = Fact(period, evidence: passage.evidence())
            }
            if Text.containsWord(passage.text, "antogs"), let date = SwedishDate.first(in: passage.text) {
                strategy.milestones.append(Milestone(kind: .adopted, date: date, body: "regionfullmäktige", evidence: passage.evidence()))
                strategy.status = Fact(.adopted, evidence: passage.evidence())
            }
        }
        if let vision = page.sections(headed: ["Vision"]).first?.paragraphs.first {
            strategy.vision = vision.fact
        }
        let areas = page.sections(headed: ["Prioriterade"]).first?.subsections ?? []
        strategy.areas = areas.map { area in
            let areaID = Slug.child(id, "area", area.heading)
            return PriorityArea(
                id: areaID, name: area.heading, term: "prioriterat område",
                goals: area.items().map { Goal(id: Slug.child(areaID, "goal", $0.text), title: $0.text, evidence: $0.evidence) },
                evidence: area.evidence
            )
        }
        return [strategy]
    }
}
