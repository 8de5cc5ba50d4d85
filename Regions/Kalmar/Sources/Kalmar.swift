public import Foundation
public import RegionSupport
public import StrategyModel

/// Region Kalmar län: "Klimat att växa i — Regional utvecklingsstrategi för Kalmar län 2030"
/// (2018, updated 2022), its follow-up "Så går det för Kalmar län", a 2019 funding decision and
/// the news feed.
public struct Kalmar: RegionModule {
    public init() {}

    public var region: Region {
        Region(
            id: "kalmar", name: "Kalmar län", countyCode: "08", nutsCode: "SE213",
            organisation: "Region Kalmar län", website: "https://regionkalmar.se"
        )
    }

    public var sources: [SourceDescriptor] {
        [
            SourceDescriptor(url: "https://utveckling.regionkalmar.se/regional-utvecklingsstrategi/", role: .strategy, snapshotFile: "regional-utvecklingsstrategi.html"),
            SourceDescriptor(url: "https://utveckling.regionkalmar.se/uppfoljning/", role: .followUp, snapshotFile: "uppfoljning.html"),
            SourceDescriptor(url: "https://regionkalmar.se/regional-utveckling/vart-regionala-utvecklingsuppdrag/", role: .overview, snapshotFile: "regionalt-utvecklingsuppdrag.html"),
            SourceDescriptor(url: "https://regionkalmar.se/regional-utveckling/regional-utvecklingsfinansiering/", role: .funding, snapshotFile: "regional-utvecklingsfinansiering.html"),
            SourceDescriptor(url: "https://regionkalmar.se/nyhetslista/atom/", role: .news, snapshotFile: "nyheter.xml"),
        ]
    }

    public var bundledSnapshot: URL? {
        Bundle.module.url(forResource: "Snapshot", withExtension: nil)
    }
}
