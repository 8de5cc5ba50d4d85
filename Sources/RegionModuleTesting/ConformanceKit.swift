public import Foundation
public import RegionSupport
public import StrategyModel

/// Checks a region module against the invariants every module must hold, over its snapshot.
///
/// ```swift
/// let report = ConformanceKit(MyRegion()).run()
/// #expect(report.passed, "\(report)")
/// ```
///
/// The kit reads the snapshot folder (the module's ``/RegionSupport/RegionModule/bundledSnapshot``, or the
/// folder given, e.g. one written by `rus snapshot` from what `rus fetch` got), checks its manifest and every file's
/// SHA-256, parses the files, runs the module over them and checks its output. Each
/// ``ConformanceFailure`` names the ``ConformanceInvariant``, the path of the fact and the source.
///
/// What "pure" is checked as, honestly: the module is run three times — twice on the same
/// parsed documents and once on an independently parsed copy — and the three outputs must encode
/// to the same JSON; run on an empty document set it must return no facts (a module that reads
/// files of its own, or makes facts up, fails this); and every fact's evidence must name a
/// document it was given, with that document's SHA-256. The kit does not intercept file or
/// network calls, so a module that does I/O and still returns the same facts would pass.
public struct ConformanceKit: Sendable {
    /// The module checked.
    public var module: any RegionModule
    /// The snapshot folder read; `nil` means the module's bundled snapshot.
    public var snapshotDirectory: URL?
    /// The years a date may have (period starts and ends, milestones, projects, funding, news).
    public var plausibleYears: ClosedRange<Int>

    /// A kit for `module`, reading `snapshotDirectory` (default: the module's bundled snapshot).
    public init(_ module: any RegionModule, snapshotDirectory: URL? = nil, plausibleYears: ClosedRange<Int> = 1990...2100) {
        self.module = module
        self.snapshotDirectory = snapshotDirectory
        self.plausibleYears = plausibleYears
    }

    /// Runs every check and returns what failed. Never throws: a module that throws, or a
    /// snapshot that cannot be read, is itself a failure in the report.
    public func run() -> ConformanceReport {
        let region = module.region
        var report = ConformanceReport(regionID: region.id, failures: Self.identityFailures(region))
        guard let folder = snapshotDirectory ?? module.bundledSnapshot else {
            report.failures.append(ConformanceFailure(.snapshot, "the module has no snapshot: return the folder holding manifest.json from `bundledSnapshot` (Bundle.module.url(forResource: \"Snapshot\", withExtension: nil)), or give one to the kit"))
            return report
        }
        let snapshot = SnapshotRead(directory: folder, regionID: region.id)
        report.failures += snapshot.failures
        report.failures += Self.sourceFailures(module.sources, manifest: snapshot.manifest)
        report.sourcesChecked = module.sources.count

        let documents: DocumentSet
        do { documents = try DocumentSet(parsing: snapshot.documents) } catch {
            report.failures.append(ConformanceFailure(.reading, sourceURL: Self.url(of: error), "the snapshot cannot be parsed: \(error)"))
            return report
        }
        let first: RegionProfile
        do { first = try module.profile(from: documents) } catch {
            report.failures.append(ConformanceFailure(.reading, "the module threw reading its snapshot: \(error)"))
            return report
        }
        let outcome = check(first, in: snapshot.documents)
        report.failures += outcome.failures
        report.evidenceChecked = outcome.evidenceChecked
        report.idsChecked = outcome.idsChecked
        report.failures += purityFailures(first: first, documents: documents, raw: snapshot.documents)
        return report
    }

    /// Checks one profile read from `documents`: strategy versions, evidence, ids, names and
    /// dates (not the snapshot, sources or purity). Use it for documents other than a snapshot,
    /// such as test fixtures.
    public func check(_ profile: RegionProfile, in documents: [RawDocument]) -> ConformanceReport {
        var report = ConformanceReport(regionID: profile.region.id, failures: [])
        report.failures += Self.strategyFailures(profile)
        let evidence = Self.evidenceReport(of: profile, in: documents)
        report.failures += evidence.failures
        report.evidenceChecked = evidence.evidenceChecked
        let tree: ProfileTree
        do { tree = try ProfileTree(profile) } catch {
            report.failures.append(ConformanceFailure(.purity, "the profile does not encode to JSON: \(error)"))
            return report
        }
        report.idsChecked = tree.ids.count
        report.failures += Self.idFailures(tree)
        report.failures += tree.names.filter { $0.name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
            .map { ConformanceFailure(.names, path: $0.path, "is empty") }
        report.failures += DateCheck(years: plausibleYears).failures(in: profile)
        return report
    }

    /// Checks only the evidence of `profile`: each piece must name one of `documents` with its
    /// SHA-256, and its locator must select one place there that holds the excerpt.
    public static func evidenceReport(of profile: RegionProfile, in documents: [RawDocument]) -> ConformanceReport {
        var check = EvidenceCheck(documents: documents)
        do {
            for (path, evidence) in try ProfileTree(profile).evidence { check.check(evidence, path: path) }
        } catch {
            return ConformanceReport(regionID: profile.region.id, failures: [ConformanceFailure(.purity, "the profile does not encode to JSON: \(error)")])
        }
        return ConformanceReport(regionID: profile.region.id, failures: check.failures, evidenceChecked: check.checked)
    }

    /// Checks the evidence of `profile`, read from `documents`, against the bytes of those
    /// documents: a snapshot file (by URL, from the kit's snapshot folder) or, for a `file://`
    /// URL such as a test fixture's, that file. Use it in tests that read parts of the snapshot or
    /// markup variants.
    public func evidenceReport(of profile: RegionProfile, readFrom documents: DocumentSet) -> ConformanceReport {
        let snapshot = (snapshotDirectory ?? module.bundledSnapshot).map { SnapshotRead(directory: $0, regionID: module.region.id).documents } ?? []
        var raw: [RawDocument] = []
        var failures: [ConformanceFailure] = []
        for document in documents.documents {
            if let file = snapshot.first(where: { $0.url == document.url }) {
                raw.append(file)
            } else if let url = URL(string: document.url), url.isFileURL, let bytes = FileManager.default.contents(atPath: url.path) {
                raw.append(RawDocument(url: document.url, bytes: [UInt8](bytes), mediaType: document.mediaType, charset: document.charset))
            } else {
                failures.append(ConformanceFailure(.evidence, sourceURL: document.url, "the document's bytes are neither in the snapshot nor in a file at its URL, so its evidence cannot be checked"))
            }
        }
        var report = Self.evidenceReport(of: profile, in: raw)
        report.failures = failures + report.failures
        return report
    }

    // MARK: The invariants

    static func identityFailures(_ region: Region) -> [ConformanceFailure] {
        var failures: [ConformanceFailure] = []
        func fail(_ path: String, _ message: String) { failures.append(ConformanceFailure(.regionIdentity, path: path, message)) }
        let idCharacters = Set("abcdefghijklmnopqrstuvwxyz0123456789-")
        if region.id.isEmpty {
            fail("region.id", "is empty: give a lowercase ASCII id such as \"vastra-gotaland\"")
        } else if !region.id.allSatisfy(idCharacters.contains) || region.id.hasPrefix("-") || region.id.hasSuffix("-") {
            fail("region.id", "\"\(region.id)\" is not lowercase ASCII letters, digits and inner hyphens")
        }
        if blank(region.name) { fail("region.name", "is empty: give the display name (Swedish letters are fine)") }
        if blank(region.countyCode), blank(region.nutsCode) { fail("region.countyCode", "neither a county code (länskod) nor a NUTS code is given") }
        if blank(region.organisation) { fail("region.organisation", "is empty: name the organisation responsible, e.g. \"Region Kalmar län\"") }
        if !blank(region.website), !isWebURL(region.website) { fail("region.website", "\"\(region.website)\" is not an http(s) URL") }
        return failures
    }

    static func sourceFailures(_ sources: [SourceDescriptor], manifest: SnapshotManifest?) -> [ConformanceFailure] {
        var failures: [ConformanceFailure] = []
        if sources.isEmpty {
            failures.append(ConformanceFailure(.sources, "the module declares no sources: list each published page and feed in `sources`, with its snapshot file"))
        }
        for (index, source) in sources.enumerated() {
            let path = "sources[\(index)]"
            func fail(_ message: String) { failures.append(ConformanceFailure(.sources, path: path, sourceURL: source.url.isEmpty ? nil : source.url, message)) }
            if !isWebURL(source.url) { fail("the URL \"\(source.url)\" is not an http(s) URL") }
            guard !source.snapshotFile.isEmpty else {
                fail("no snapshot file")
                continue
            }
            guard let manifest else { continue }
            guard let entry = manifest.files.first(where: { $0.file == source.snapshotFile }) else {
                fail("the snapshot file \(source.snapshotFile) is not in manifest.json")
                continue
            }
            if entry.url != source.url { fail("manifest.json gives \(source.snapshotFile) the URL \(entry.url)") }
        }
        for entry in manifest?.files ?? [] where !sources.contains(where: { $0.snapshotFile == entry.file }) {
            failures.append(ConformanceFailure(.sources, path: entry.file, sourceURL: entry.url, "manifest.json lists this file, but no source of the module names it"))
        }
        return failures
    }

    static func strategyFailures(_ profile: RegionProfile) -> [ConformanceFailure] {
        if profile.strategies.isEmpty {
            return [ConformanceFailure(.strategyVersion, "no strategy version was read: `strategies(from:)` must return at least one, with its title and period")]
        }
        var failures: [ConformanceFailure] = []
        for (index, strategy) in profile.strategies.enumerated() where blank(strategy.title.value) {
            failures.append(ConformanceFailure(.strategyVersion, path: "strategies[\(index)](\(strategy.id)).title", sourceURL: strategy.title.evidence.sourceURL, "no title"))
        }
        // A period the documents do not give is left unknown, but one version at least must have it.
        if !profile.strategies.contains(where: { $0.period != nil }) {
            failures.append(ConformanceFailure(.strategyVersion, path: "strategies[0](\(profile.strategies[0].id)).period", "no strategy version has a period: read it from the documents (`SwedishPeriod.find(in:)`)"))
        }
        return failures
    }

    static func idFailures(_ tree: ProfileTree) -> [ConformanceFailure] {
        var failures: [ConformanceFailure] = []
        var seen: [String: String] = [:]
        for (path, id) in tree.ids {
            if blank(id) {
                failures.append(ConformanceFailure(.uniqueIDs, path: path, "empty id"))
            } else if let other = seen[id] {
                failures.append(ConformanceFailure(.uniqueIDs, path: path, "id \"\(id)\" is also the id of \(other)"))
            } else {
                seen[id] = path
            }
        }
        return failures
    }

    func purityFailures(first: RegionProfile, documents: DocumentSet, raw: [RawDocument]) -> [ConformanceFailure] {
        var failures: [ConformanceFailure] = []
        do {
            let second = try module.profile(from: documents)
            let ids = { (p: RegionProfile) in (try? ProfileTree(p).ids) ?? [] }
            let (a, b) = (ids(first), ids(second))
            if a.map(\.id) != b.map(\.id) {
                let index = zip(a, b).enumerated().first { $0.element.0.id != $0.element.1.id }?.offset ?? min(a.count, b.count)
                let place = index < a.count ? a[index].path : index < b.count ? b[index].path : "the end"
                failures.append(ConformanceFailure(.stableIDs, path: place, "the ids differ between two readings of the same documents (\(a.count) and \(b.count) ids); derive ids from the documents' text (`Slug`), never from counters, dates of today or random values"))
            }
            if let difference = ProfileJSON.firstDifference(first, second) {
                failures.append(ConformanceFailure(.purity, "two readings of the same documents differ: \(difference)"))
            }
        } catch {
            failures.append(ConformanceFailure(.purity, "the second reading of the same documents threw: \(error)"))
        }
        do {
            let copy = try module.profile(from: DocumentSet(parsing: raw))
            if let difference = ProfileJSON.firstDifference(first, copy) {
                failures.append(ConformanceFailure(.purity, "reading an independently parsed copy of the documents gives other output: \(difference)"))
            }
        } catch {
            failures.append(ConformanceFailure(.purity, "reading an independently parsed copy of the documents threw: \(error)"))
        }
        if let empty = try? module.profile(from: DocumentSet([])) {
            let facts = empty.strategies.count + empty.projects.count + empty.funding.count + empty.news.count
            if facts > 0 {
                failures.append(ConformanceFailure(.purity, "given no documents, the module still returned \(empty.strategies.count) strategies, \(empty.projects.count) projects, \(empty.funding.count) funding records and \(empty.news.count) news items: facts must come only from the documents given"))
            }
        }
        return failures
    }

    private static func url(of error: DocumentError) -> String? {
        switch error {
        case let .unreadable(url, _), let .unsupportedFormat(url): url
        }
    }
}

func blank(_ text: String) -> Bool { text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }

func isWebURL(_ text: String) -> Bool {
    guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host else { return false }
    return (scheme == "http" || scheme == "https") && !host.isEmpty
}
