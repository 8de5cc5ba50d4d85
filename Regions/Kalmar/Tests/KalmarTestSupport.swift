import Foundation
import Testing
import Kalmar
import RegionModuleTesting
import RegionSupport
import StrategyModel

/// Loading the snapshot, fixtures and subsets, and checking evidence.
enum Support {
    static let module = Kalmar()

    static func snapshot() throws -> DocumentSet { try module.bundledDocuments() }

    static func fixture(_ name: String) throws -> DocumentSet {
        let folder = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let url = folder.appendingPathComponent(name)
        return try DocumentSet(parsing: [RawDocument(url: url.absoluteString, bytes: [UInt8](try Data(contentsOf: url)))])
    }

    /// The snapshot documents published at URLs containing any of `parts`.
    static func subset(_ parts: String...) throws -> DocumentSet {
        DocumentSet(try snapshot().documents.filter { doc in parts.contains { doc.url.contains($0) } })
    }

    static let strategyURL = "https://utveckling.regionkalmar.se/regional-utvecklingsstrategi/"
    static let followUpURL = "https://utveckling.regionkalmar.se/uppfoljning/"
    static let overviewURL = "https://regionkalmar.se/regional-utveckling/vart-regionala-utvecklingsuppdrag/"
    static let fundingURL = "https://regionkalmar.se/regional-utveckling/regional-utvecklingsfinansiering/"
    static let feedURL = "https://regionkalmar.se/nyhetslista/atom/"

    static let areaNames = [
        "Delaktighet, hälsa och välbefinnande",
        "God miljö för barn och unga",
        "Hållbar samhällsplanering",
        "Stärkt konkurrenskraft",
    ]

    static let goalTitles = [
        "Hög delaktighet och upplevd trygghet i hela länet",
        "Hög självskattad hälsa i hela länet",
        "Alla elever i länet slutför gymnasieexamen inom fyra år och har möjlighet till vidare studier och arbete",
        "Alla barn och unga har möjlighet till god hälsa och sunda levnadsvanor",
        "Region Kalmar län är en fossilbränslefri region",
        "Samhällsplaneringen är klimatanpassad och robust samt erbjuder trygga, tillgängliga och gröna miljöer för alla",
        "Alla i länet har tillgång till väl utvecklad fysisk och digital infrastruktur",
        "Länet har utvecklat digitala och hållbara lösningar för en global marknad",
        "God tillgång till välutbildad arbetskraft",
        "Ökat antal företag inom kunskapsintensiv tjänstesektor",
    ]

    static let title = "Klimat att växa i — Regional utvecklingsstrategi för Kalmar län 2030"

    static func date(_ iso: String) -> Date? { ISO8601DateFormatter().date(from: iso) }

    // MARK: Evidence

    /// Checks every evidence with the conformance kit: it names a document of `documents` by
    /// URL and SHA-256, and its locator selects one element of that document's bytes (snapshot
    /// file or fixture) that holds the excerpt. Returns the number checked.
    @discardableResult
    static func checkEvidence(_ profile: RegionProfile, in documents: DocumentSet, sourceLocation: SourceLocation = #_sourceLocation) -> Int {
        let report = ConformanceKit(module).evidenceReport(of: profile, readFrom: documents)
        report.recordIssues(sourceLocation: sourceLocation)
        return report.evidenceChecked
    }
}
