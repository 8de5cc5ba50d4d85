public import Foundation
public import RegionSupport
public import StrategyModel

/// Region Västernorrland: the regional development strategy "Ett Västernorrland" (2020–2030)
/// and its predecessor "Framtid Västernorrland!" (2011–2020), read from Region
/// Västernorrland's pages (rvn.se), Landstinget Västernorrland's older page (lvn.se) and the
/// news feed.
///
/// Pages are grouped by the strategy period they are about: a page whose main heading names a
/// strategy with a period ("… utvecklingsstrategi 2011–2020") is that strategy's own page;
/// other pages (a news article, the county council's page) join the strategy whose period
/// they mention first. Each group is read into one `Strategy`; facts given on several pages
/// are combined without duplicates, the strategy's own page first.
public struct Vasternorrland: RegionModule {
    public init() {}

    public var region: Region {
        Region(
            id: "vasternorrland", name: "Västernorrland", countyCode: "22", nutsCode: "SE321",
            organisation: "Region Västernorrland", website: "https://www.rvn.se"
        )
    }

    public var sources: [SourceDescriptor] {
        [
            SourceDescriptor(
                url: "https://www.rvn.se/sv/Utveckling/Regional-utvecklingsstrategi/",
                role: .strategy, snapshotFile: "ett-vasternorrland.html"
            ),
            SourceDescriptor(
                url: "https://www.rvn.se/sv/Utveckling/Regional-utvecklingsstrategi/Framtid-Vasternorrland/",
                role: .history, snapshotFile: "framtid-vasternorrland.html"
            ),
            SourceDescriptor(
                url: "https://www.rvn.se/sv/Om-regionen/Aktuellt-i-Region-Vasternorrland/Nyheter/ny-regional-utvecklingsstrategi-antagen/",
                role: .news, snapshotFile: "ny-regional-utvecklingsstrategi-antagen.html"
            ),
            SourceDescriptor(
                url: "https://www.rvn.se/sv/Om-regionen/Aktuellt-i-Region-Vasternorrland/Nyheter/rss/",
                role: .news, snapshotFile: "nyheter.xml"
            ),
            SourceDescriptor(
                url: "https://www.lvn.se/sv/Regional-utveckling/Regional-utvecklingsstrategi/",
                role: .actionPlans, snapshotFile: "regional-utvecklingsstrategi-2011-2020.html"
            ),
        ]
    }

    public var bundledSnapshot: URL? { Bundle.module.url(forResource: "Snapshot", withExtension: nil) }

    public func strategies(from documents: DocumentSet) throws -> [Strategy] {
        PageGroup.groups(in: documents).compactMap { group in
            StrategyReader(regionID: region.id, group: group)?.strategy()
        }
    }

    // News: the default `NewsReader` over every feed is right for Västernorrland's one RSS feed.
    // Projects and funding: the documents give no amounts or projects (the 1:1 rule "at most
    // 50 %" is a framework reference, read as such), so the defaults (none) apply.
}
