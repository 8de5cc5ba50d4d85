import Foundation
import RegionModuleTesting
import RegionSupport
import StrategyModel
import Testing

@Suite("Conformance kit")
struct ConformanceKitTests {
    @Test func aSoundModulePasses() throws {
        let report = ConformanceKit(try SampleSnapshot.module()).run()
        #expect(report.passed, "\(report)")
        #expect(report.sourcesChecked == 2)
        // Title, period, three areas and one news item.
        #expect(report.evidenceChecked == 6)
        #expect(report.idsChecked == 5)
    }

    /// Each flaw, and the invariant it must be reported under.
    static let cases: [(SampleRegion.Flaw, ConformanceInvariant)] = [
        (.noOrganisation, .regionIdentity),
        (.badSourceURL, .sources),
        (.fileNotInManifest, .sources),
        (.changedFile, .snapshot),
        (.throwsOnRead, .reading),
        (.noPeriod, .strategyVersion),
        (.misquoted, .evidence),
        (.locatorSelectsNothing, .evidence),
        (.foreignEvidence, .evidence),
        (.duplicateIDs, .uniqueIDs),
        (.randomIDs, .stableIDs),
        (.emptyName, .names),
        (.reversedPeriod, .dates),
        (.impossibleYear, .dates),
        (.changingText, .purity),
        (.factsWithoutDocuments, .purity),
    ]

    @Test func everyFlawIsTested() {
        #expect(Set(Self.cases.map(\.0)) == Set(SampleRegion.Flaw.allCases))
        // Every invariant is shown to fail by at least one flaw.
        #expect(Set(Self.cases.map(\.1)) == Set(ConformanceInvariant.allCases))
    }

    @Test(arguments: Self.cases)
    func aFlawBreaksItsInvariant(flaw: SampleRegion.Flaw, invariant: ConformanceInvariant) throws {
        let report = ConformanceKit(try SampleSnapshot.module([flaw])).run()
        #expect(!report.failures(of: invariant).isEmpty, "\(flaw) should break \(invariant): \(report)")
        #expect(!report.passed)
    }

    @Test func failuresNameTheFactAndTheSource() throws {
        let report = ConformanceKit(try SampleSnapshot.module([.misquoted])).run()
        let failure = try #require(report.failures(of: .evidence).first)
        #expect(failure.path == "strategies[0](sample.exempelstrategi).areas[0](sample.exempelstrategi.area.hallbar-tillvaxt).evidence")
        #expect(failure.sourceURL == SampleRegion.pageURL)
        #expect(failure.message.contains("Något som inte står där"))
        #expect(failure.message.contains("Hållbar tillväxt"), "the text found at the locator is shown")
        #expect(report.failures.count == 1, "\(report)")
    }

    @Test func aLocatorThatSelectsNothingIsNamed() throws {
        let report = ConformanceKit(try SampleSnapshot.module([.locatorSelectsNothing])).run()
        #expect(report.failures(of: .evidence).map(\.message) == ["locator /html/body/nav selects 0 places, not one"])
    }

    @Test func aChangedFileNamesTheFileAndBothHashes() throws {
        let report = ConformanceKit(try SampleSnapshot.module([.changedFile])).run()
        let failure = try #require(report.failures(of: .snapshot).first)
        #expect(failure.path == "strategi.html")
        #expect(failure.sourceURL == SampleRegion.pageURL)
        #expect(failure.message.contains("manifest.json says \(SHA256.hex(of: Array(SampleRegion.page.utf8)))"))
        // The module is still run over the changed bytes, and its evidence matches them.
        #expect(report.failures(of: .evidence).isEmpty)
    }

    @Test func duplicateIDsNameBothPlaces() throws {
        let report = ConformanceKit(try SampleSnapshot.module([.duplicateIDs])).run()
        let failure = try #require(report.failures(of: .uniqueIDs).first)
        #expect(failure.path?.hasPrefix("strategies[0](sample.exempelstrategi).areas[1]") == true)
        #expect(failure.message.contains("areas[0]"))
    }

    @Test func aModuleWithoutSnapshotFails() {
        struct Bare: RegionModule {
            var region: Region { Region(id: "bare", name: "Bar", countyCode: "98", nutsCode: "", organisation: "Region Bar", website: "") }
            var sources: [SourceDescriptor] { [] }
            func strategies(from documents: DocumentSet) throws -> [Strategy] { [] }
        }
        let report = ConformanceKit(Bare()).run()
        #expect(report.failures.map(\.invariant) == [.snapshot])
    }

    @Test func anEmptyScaffoldFailsWithHelpfulMessages() throws {
        // What `rus new-region` generates: no sources, a manifest with no files, nothing read.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("conformance-kit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(#"{"region": "empty", "description": "", "files": []}"#.utf8).write(to: folder.appendingPathComponent("manifest.json"))
        struct Empty: RegionModule {
            var folder: URL
            var region: Region { Region(id: "empty", name: "Tom", countyCode: "", nutsCode: "", organisation: "", website: "") }
            var sources: [SourceDescriptor] { [] }
            var bundledSnapshot: URL? { folder }
            func strategies(from documents: DocumentSet) throws -> [Strategy] { [] }
        }
        let report = ConformanceKit(Empty(folder: folder)).run()
        #expect(Set(report.failures.map(\.invariant)) == [.regionIdentity, .snapshot, .sources, .strategyVersion])
        #expect(report.description.contains("neither a county code (länskod) nor a NUTS code"))
    }

    @Test func evidenceCanBeCheckedOnOtherDocuments() throws {
        let raw = [RawDocument(url: "file:///tmp/variant.html", bytes: Array(SampleRegion.page.utf8))]
        let documents = try DocumentSet(parsing: raw)
        let doc = try #require(documents.documents.first)
        let heading = try #require(doc.pageHeading)
        var profile = RegionProfile(region: Region(id: "sample", name: "Exempel", countyCode: "99", nutsCode: "", organisation: "Region Exempel", website: ""),
                                    strategies: [Strategy(id: "sample.x", title: heading.fact)], projects: [], funding: [], news: [], sources: [])
        #expect(ConformanceKit.evidenceReport(of: profile, in: raw).passed)
        profile.strategies[0].title.evidence.snapshotSHA256 = String(repeating: "0", count: 64)
        let report = ConformanceKit.evidenceReport(of: profile, in: raw)
        #expect(report.failures.count == 1)
        #expect(report.failures.first?.message.contains("is not the document's") == true)
    }

    @Test func evidenceOfFixturesAndSnapshotPartsIsCheckedAgainstTheirBytes() throws {
        let module = try SampleSnapshot.module()
        let fixture = FileManager.default.temporaryDirectory.appendingPathComponent("conformance-kit-\(UUID().uuidString).html")
        try Data(SampleRegion.page.replacingOccurrences(of: "<main>", with: "<main><p>En variant.</p>").utf8).write(to: fixture)
        let kit = ConformanceKit(module)
        // A fixture published at its file URL: the module reads nothing from it (wrong URL), but
        // the snapshot's feed and the fixture page are both found.
        let snapshotFeed = try #require(try module.bundledDocuments().document(at: SampleRegion.feedURL))
        let variant = try DocumentSet(parsing: [RawDocument(url: fixture.absoluteString, bytes: [UInt8](try Data(contentsOf: fixture)))])
        let documents = DocumentSet(variant.documents + [snapshotFeed])
        let page = try #require(variant.documents.first)
        let heading = try #require(page.pageHeading)
        var profile = try module.profile(from: documents)
        profile.strategies = [Strategy(id: "sample.variant", title: heading.fact)]
        let report = kit.evidenceReport(of: profile, readFrom: documents)
        #expect(report.passed, "\(report)")
        #expect(report.evidenceChecked == 2)
        // A document whose bytes cannot be found is reported, not skipped.
        let unknown = DocumentSet([page].map { var d = $0; d.url = "https://example.org/okand/"; return d })
        let missing = kit.evidenceReport(of: profile, readFrom: unknown)
        #expect(missing.failures.first?.message.contains("neither in the snapshot nor in a file") == true)
    }

    @Test func recordIssuesRecordsOnePerFailure() throws {
        let report = ConformanceKit(try SampleSnapshot.module([.emptyName, .noOrganisation])).run()
        #expect(report.failures.count == 2)
        let recorded = Counter()
        withKnownIssue {
            report.recordIssues()
        } matching: { issue in
            recorded.add()
            return issue.comments.contains { $0.rawValue.hasPrefix("sample: [") }
        }
        #expect(recorded.value == 2)
    }
}

/// A count shared with Swift Testing's issue matcher.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func add() { lock.withLock { count += 1 } }
}
