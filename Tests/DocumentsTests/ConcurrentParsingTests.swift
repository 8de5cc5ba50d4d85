import Foundation
import Testing
import Markup
import Documents

/// What one parse gave: the reader's value, or the description of the error it threw.
/// Two outcomes are equal when the values are (compared as the readers' own `Hashable` types).
private struct ParseOutcome: Sendable, Equatable, CustomStringConvertible {
    private struct Failure: Hashable, Sendable { var description: String }

    let value: any Hashable & Sendable

    init(_ body: () async throws -> some Hashable & Sendable) async {
        do { value = try await body() } catch { value = Failure(description: String(describing: error)) }
    }

    static func == (a: ParseOutcome, b: ParseOutcome) -> Bool {
        AnyHashable(a.value) == AnyHashable(b.value)
    }

    var description: String { String(String(describing: value).prefix(300)) + "…" }
}

/// One parse of one document by one reader; it owns every libxml2 object it makes.
private struct ParseJob: Sendable {
    var name: String
    var run: @Sendable () async -> ParseOutcome
}

/// A feed read by the streaming reader: the items as they came and the feed's own fields.
private struct StreamedFeed: Hashable, Sendable {
    var items: [FeedItem]
    var summary: FeedStreamSummary?
}

/// Chunks of bytes that suspend before each chunk, so that a streamed parse is resumed on
/// whichever thread the pool gives it (a libxml2 push parser moving between threads, one
/// thread at a time).
private struct YieldingChunks: AsyncSequence, Sendable {
    typealias Element = ArraySlice<UInt8>
    let chunks: [ArraySlice<UInt8>]

    struct AsyncIterator: AsyncIteratorProtocol {
        var remaining: ArraySlice<ArraySlice<UInt8>>
        mutating func next() async -> ArraySlice<UInt8>? {
            await Task.yield()
            return remaining.popFirst()
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(remaining: chunks[...]) }
}

private func chunked(_ bytes: [UInt8], size: Int) -> [ArraySlice<UInt8>] {
    stride(from: 0, to: bytes.count, by: size).map { bytes[$0..<min(bytes.count, $0 + size)] }
}

/// The jobs for one file, by what it is.
private enum Jobs {
    static func html(_ name: String, _ bytes: [UInt8], url: String?) -> [ParseJob] {
        [
            ParseJob(name: "\(name) outline") { await ParseOutcome { try HTMLPageReader().read(bytes, url: url) } },
            ParseJob(name: "\(name) MarkupDocument XPath") {
                await ParseOutcome {
                    let document = try MarkupDocument(html: bytes)
                    return try document.select("//title | //h1 | //h2 | //h3 | //a[@href] | //li").map {
                        [$0.locator, $0.name, $0.attribute("href") ?? "", $0.normalizedText]
                    }
                }
            },
        ]
    }

    static func feed(_ name: String, _ bytes: [UInt8], url: String?) -> [ParseJob] {
        [
            ParseJob(name: "\(name) feed tree") { await ParseOutcome { try FeedReader().read(bytes, url: url) } },
            ParseJob(name: "\(name) feed stream") {
                await ParseOutcome {
                    var items: [FeedItem] = []
                    let summary = try FeedStream.read(chunks: chunked(bytes, size: 1_000), url: url) { items.append($0) }
                    return StreamedFeed(items: items, summary: summary)
                }
            },
            ParseJob(name: "\(name) feed async stream") {
                await ParseOutcome {
                    var items: [FeedItem] = []
                    for try await item in FeedStream.items(in: YieldingChunks(chunks: chunked(bytes, size: 700)), url: url) {
                        items.append(item)
                    }
                    return StreamedFeed(items: items, summary: nil)
                }
            },
            ParseJob(name: "\(name) MarkupDocument XPath") {
                await ParseOutcome {
                    let document = try MarkupDocument(xml: bytes)
                    let entries = try document.select("//*[local-name() = 'item' or local-name() = 'entry']/*[local-name() = 'title' or local-name() = 'link']")
                    return entries.map { [$0.locator, $0.name, $0.namespaceURI ?? "", $0.normalizedText, $0.attribute("href") ?? ""] }
                        + [document.diagnostics.map(\.message)]
                }
            },
        ]
    }

    static func sitemap(_ name: String, _ bytes: [UInt8], url: String?) -> [ParseJob] {
        [ParseJob(name: "\(name) sitemap") { await ParseOutcome { try SitemapReader().read(bytes, url: url) } }]
    }

    static func presentation(_ name: String, _ bytes: [UInt8], url: String?) -> [ParseJob] {
        [
            ParseJob(name: "\(name) presentation") { await ParseOutcome { try PresentationReader().read(bytes, url: url) } },
            ParseJob(name: "\(name) presentation outline") { await ParseOutcome { try PresentationReader().outline(bytes, url: url) } },
        ]
    }

    static func word(_ name: String, _ bytes: [UInt8], url: String?) -> [ParseJob] {
        [
            ParseJob(name: "\(name) Word document") { await ParseOutcome { try WordDocumentReader().read(bytes, url: url) } },
            ParseJob(name: "\(name) Word outline") { await ParseOutcome { try WordDocumentReader().outline(bytes, url: url) } },
        ]
    }

    /// Hostile XML goes to every XML reader: each must end the same way alone and in company.
    static func hostile(_ name: String, _ bytes: [UInt8]) -> [ParseJob] {
        [
            ParseJob(name: "\(name) MarkupDocument") {
                await ParseOutcome {
                    let document = try MarkupDocument(xml: bytes)
                    return [document.root?.name ?? "", document.root?.textContent ?? ""] + document.diagnostics.map(\.message)
                }
            },
            ParseJob(name: "\(name) feed tree") { await ParseOutcome { try FeedReader().read(bytes) } },
            ParseJob(name: "\(name) sitemap") { await ParseOutcome { try SitemapReader().read(bytes) } },
        ]
    }

    /// A sitemap listing `urls`, as a site would publish it.
    static func sitemapXML(_ urls: [String]) -> [UInt8] {
        let entries = urls.enumerated().map { index, url in
            "<url><loc>\(url.replacingOccurrences(of: "&", with: "&amp;"))</loc><lastmod>2024-0\(index % 9 + 1)-1\(index % 10)</lastmod><priority>0.\(index % 10)</priority></url>"
        }
        return Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\(entries.joined())</urlset>".utf8)
    }
}

/// Runs every job alone, one after the other, then all of them `rounds` times at once from a
/// task group (each round in another order), and expects every concurrent outcome to equal
/// the one alone. Returns how many parses were run.
private func expectSameOutcomesConcurrently(_ jobs: [ParseJob], rounds: Int, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Int {
    var alone: [ParseOutcome] = []
    for job in jobs { alone.append(await job.run()) }

    // Each round in another order (as listed, reversed, rotated by half), so that each job
    // runs beside different neighbours.
    let indices = Array(jobs.indices)
    let half = indices.count / 2
    let rotated: [Int] = Array(indices[half...]) + Array(indices[..<half])
    let orders: [[Int]] = [indices, indices.reversed(), rotated]
    let runs: [Int] = (0..<rounds).flatMap { orders[$0 % orders.count] }
    let together = try await withThrowingTaskGroup(of: (Int, ParseOutcome).self) { group in
        for index in runs {
            let job = jobs[index]
            group.addTask { (index, await job.run()) }
        }
        var outcomes: [(Int, ParseOutcome)] = []
        for try await outcome in group { outcomes.append(outcome) }
        return outcomes
    }
    #expect(together.count == runs.count, sourceLocation: sourceLocation)
    var mismatches = 0
    for (index, outcome) in together where outcome != alone[index] {
        mismatches += 1
        if mismatches <= 5 {
            Issue.record("\(jobs[index].name): concurrent \(outcome) ≠ alone \(alone[index])", sourceLocation: sourceLocation)
        }
    }
    #expect(mismatches == 0, "\(mismatches) of \(together.count) concurrent parses differ from the same parse alone", sourceLocation: sourceLocation)
    return jobs.count + together.count
}

/// Many documents parsed at once from a task group — pages, feeds (tree, stream, async stream),
/// sitemaps, .pptx/.docx and `MarkupDocument` with XPath — each compared with the same
/// document parsed alone. Under ThreadSanitizer (`Scripts/sanitize.sh thread`) this is where
/// shared state in the readers or in libxml2's use would show.
@Suite("Concurrent parsing")
struct ConcurrentParsingTests {
    static let regions = ["Blekinge", "Kalmar", "Vasternorrland"]

    /// A snapshot file with the URL its manifest gives it.
    struct SnapshotFile {
        var region: String
        var file: String
        var url: String?
    }

    static func snapshotFiles() throws -> [SnapshotFile] {
        try regions.flatMap { region in
            let folder = "Regions/\(region)/Sources/Snapshot"
            let manifest = try JSONSerialization.jsonObject(with: Data(try ProjectFiles.bytes("\(folder)/manifest.json"))) as? [String: Any]
            let listed = (manifest?["files"] as? [[String: Any]] ?? []).compactMap { entry -> (String, String?)? in
                (entry["file"] as? String).map { ($0, entry["url"] as? String) }
            }
            let names = try FileManager.default.contentsOfDirectory(atPath: ProjectFiles.root.appendingPathComponent(folder).path)
                .filter { $0 != "manifest.json" }.sorted()
            return names.map { name in SnapshotFile(region: region, file: name, url: listed.first { $0.0 == name }?.1) }
        }
    }

    @Test func bundledSnapshotsGiveTheSameResultsInParallel() async throws {
        var jobs: [ParseJob] = []
        var urls: [String: [String]] = [:]
        for snapshot in try Self.snapshotFiles() {
            let path = "Regions/\(snapshot.region)/Sources/Snapshot/\(snapshot.file)"
            let bytes = try ProjectFiles.bytes(path)
            switch (snapshot.file as NSString).pathExtension {
            case "html": jobs += Jobs.html(path, bytes, url: snapshot.url)
            case "xml": jobs += Jobs.feed(path, bytes, url: snapshot.url)
            case "pptx": jobs += Jobs.presentation(path, bytes, url: snapshot.url)
            case "docx": jobs += Jobs.word(path, bytes, url: snapshot.url)
            default: Issue.record("\(path): no reader for this kind of file in the test")
            }
            if let url = snapshot.url { urls[snapshot.region, default: []].append(url) }
        }
        // The regions publish no sitemaps in the snapshots; each gets one of its snapshot URLs.
        for region in Self.regions {
            jobs += Jobs.sitemap("\(region) sitemap", Jobs.sitemapXML(urls[region] ?? []), url: nil)
        }
        jobs += Jobs.presentation("OfficeSamples.presentation", OfficeSamples.presentation(), url: nil)
        jobs += Jobs.word("OfficeSamples.wordDocument", OfficeSamples.wordDocument(), url: nil)
        #expect(jobs.count >= 40)
        let parses = try await expectSameOutcomesConcurrently(jobs, rounds: 3)
        print("ConcurrentParsingTests: \(jobs.count) jobs from the bundled snapshots, \(parses) parses")
    }

    /// The external test material: real pages, feeds, Office files and hostile XML.
    @Test func sharedTestDataGivesTheSameResultsInParallel() async throws {
        let folder = ProjectFiles.sharedTestData
        guard FileManager.default.fileExists(atPath: folder.path) else {
            print("skipped: ../shared/testdata is absent; only the bundled snapshots are parsed concurrently")
            return
        }
        func files(_ subfolder: String, ext: String, every step: Int = 1, limit: Int, maximumBytes: Int = 400_000) -> [URL] {
            let base = folder.appendingPathComponent(subfolder)
            guard let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.fileSizeKey]) else { return [] }
            let all = enumerator.compactMap { $0 as? URL }
                .filter { $0.pathExtension == ext && ((try? $0.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? .max) <= maximumBytes }
                .sorted { $0.path < $1.path }
            return Array(stride(from: 0, to: all.count, by: step).map { all[$0] }.prefix(limit))
        }
        func name(_ url: URL) -> String { String(url.path.dropFirst(folder.path.count + 1)) }

        var jobs: [ParseJob] = []
        for page in files("trafilatura/pages", ext: "html", every: 40, limit: 12) {
            jobs += Jobs.html(name(page), [UInt8](try Data(contentsOf: page)), url: nil)
        }
        for feed in files("feedparser/feeds", ext: "xml", every: 16, limit: 24) {
            jobs += Jobs.feed(name(feed), [UInt8](try Data(contentsOf: feed)), url: nil)
        }
        for deck in files("ooxml/pptx", ext: "pptx", every: 5, limit: 12) {
            jobs += Jobs.presentation(name(deck), [UInt8](try Data(contentsOf: deck)), url: nil)
        }
        for report in files("ooxml/docx", ext: "docx", every: 4, limit: 12) {
            jobs += Jobs.word(name(report), [UInt8](try Data(contentsOf: report)), url: nil)
        }
        for hostile in files("hostile-xml", ext: "xml", limit: 20) {
            jobs += Jobs.hostile(name(hostile), [UInt8](try Data(contentsOf: hostile)))
        }
        guard !jobs.isEmpty else {
            print("skipped: ../shared/testdata holds none of trafilatura, feedparser, ooxml, hostile-xml")
            return
        }
        let parses = try await expectSameOutcomesConcurrently(jobs, rounds: 2)
        print("ConcurrentParsingTests: \(jobs.count) jobs from ../shared/testdata, \(parses) parses")
    }
}
