@testable import Fetching
import FlyingFox
import Foundation
import RegionSupport
import Testing

@Suite("The cache survives kills and concurrent runs")
struct CacheSafetyTests {
    /// The folder the build put `fetch-probe` in (beside the test bundle).
    static var probe: URL {
        #if os(macOS)
        let folder = Bundle.allBundles.first { $0.bundlePath.hasSuffix(".xctest") }!.bundleURL.deletingLastPathComponent()
        #else
        let folder = Bundle.main.bundleURL
        #endif
        return folder.appendingPathComponent("fetch-probe")
    }

    @Test("a fetch killed mid-write leaves a cache whose manifest names only whole, verified files")
    func killedMidWrite() async throws {
        // /done arrives at once; /big streams 4 MB slowly, so the kill lands while its
        // temporary file is being written.
        let chunk = Array(repeating: UInt8(ascii: "a"), count: 64 * 1024)
        let steps: [ScriptedBody.Step] = Array(repeating: [ScriptedBody.Step.bytes(chunk), .pause(milliseconds: 40)], count: 64).flatMap { $0 }
        let server = try await TestServer.start([
            ("GET /done.html", { _ in .ok("<html><body><p>Klar</p></body></html>") }),
            ("GET /big.html", { _ in .scripted(steps, length: 64 * chunk.count) }),
        ])
        defer { Task { await server.stop() } }
        let cache = try temporaryCache()

        let process = Process()
        process.executableURL = Self.probe
        process.arguments = [cache.root.path, server.url("/done.html"), server.url("/big.html")]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()

        // Wait (bounded) until the big download has written more than a chunk (no other body
        // is that large), then kill -9.
        var partial: String?
        for _ in 0..<750 where partial == nil {
            try await Task.sleep(for: .milliseconds(20))
            partial = temporaryFiles(cache).first { name in
                let size = (try? FileManager.default.attributesOfItem(atPath: cache.root.appendingPathComponent("tmp/\(name)").path)[.size] as? Int) ?? 0
                return size > chunk.count
            }
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        let leftover = try #require(partial, "the child never started writing the big body")

        // The manifest has the finished page, not the cut one; everything it names verifies.
        let manifest = try cache.manifest(region: "probe")
        #expect(manifest.entries.map(\.url) == [server.url("/done.html")])
        #expect(cache.verify().isEmpty)
        #expect(temporaryFiles(cache).contains(leftover))
        let named = Set(manifest.entries.map { cache.objectFile($0.sha256).path })
        #expect(!named.contains { $0.hasSuffix(leftover) })

        // The next run clears the stray download and fetches the page whole.
        try cache.prepare(staleAfter: 0)
        #expect(temporaryFiles(cache).isEmpty)
        let result = await testFetcher(cache).fetch(server.url("/big.html"), region: "probe", role: nil)
        #expect(result.outcome == .new)
        #expect(result.entry?.size == 64 * chunk.count)
        #expect(cache.verify().isEmpty)
    }

    /// Small pages under /p/, each answered after a random pause (so concurrent writers interleave).
    static func jitteryPages() async throws -> TestServer {
        try await TestServer.start([
            ("GET /p/*", { request in
                try await Task.sleep(for: .milliseconds(Int.random(in: 0...30)))
                return .ok("<html><body><p>\(request.path)</p></body></html>")
            }),
        ])
    }

    @Test("two runs at once on one cache merge their manifests")
    func concurrentRuns() async throws {
        let server = try await Self.jitteryPages()
        defer { Task { await server.stop() } }
        let cache = try temporaryCache()
        let first = (0..<10).map { SourceDescriptor(url: server.url("/p/a\($0)"), role: .overview, snapshotFile: "a\($0)") }
        let second = (0..<10).map { SourceDescriptor(url: server.url("/p/b\($0)"), role: .overview, snapshotFile: "b\($0)") }
        // Two fetchers: separate gates and lock file descriptors, as two processes would have.
        async let a = testFetcher(cache) { $0.maxConcurrentPerHost = 4 }.fetchRegion("test", sources: first, discovery: DiscoveryHints(), maxPages: 0)
        async let b = testFetcher(cache) { $0.maxConcurrentPerHost = 4 }.fetchRegion("test", sources: second, discovery: DiscoveryHints(), maxPages: 0)
        let (ra, rb) = await (a, b)
        #expect(ra.count(.new) == 10)
        #expect(rb.count(.new) == 10)
        let manifest = try cache.manifest(region: "test")
        #expect(manifest.entries.count == 20)
        #expect(manifest.entries.map(\.url) == manifest.entries.map(\.url).sorted())
        #expect(cache.verify().isEmpty)
    }

    @Test("two processes fetching into one cache at once both land in the manifest")
    func concurrentProcesses() async throws {
        let server = try await Self.jitteryPages()
        defer { Task { await server.stop() } }
        let cache = try temporaryCache()
        let processes = try ["a", "b"].map { name in
            let process = Process()
            process.executableURL = Self.probe
            process.arguments = [cache.root.path] + (0..<8).map { server.url("/p/\(name)\($0).html") }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        // Bounded wait: each probe needs well under a second for 8 small pages.
        for _ in 0..<1500 where processes.contains(where: \.isRunning) { try await Task.sleep(for: .milliseconds(20)) }
        for process in processes where process.isRunning { process.terminate() }
        for process in processes {
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
        let manifest = try cache.manifest(region: "probe")
        #expect(manifest.entries.count == 16)
        #expect(cache.verify().isEmpty)
    }

    @Test("verify reports a missing or altered file")
    func verifyFindsDamage() async throws {
        let server = try await TestServer.start([("GET /x.html", { _ in .ok("<html><body><p>Original</p></body></html>") })])
        defer { Task { await server.stop() } }
        let cache = try temporaryCache()
        let entry = try #require(await testFetcher(cache).fetch(server.url("/x.html"), region: "test", role: nil).entry)
        try Data("tampered".utf8).write(to: cache.objectFile(entry.sha256))
        #expect(cache.verify() == [.checksumMismatch(url: server.url("/x.html"), expected: entry.sha256, actual: SHA256.hex(of: Array("tampered".utf8)))])
        try FileManager.default.removeItem(at: cache.objectFile(entry.sha256))
        #expect(cache.verify() == [.missingObject(url: server.url("/x.html"), sha256: entry.sha256)])
        #expect(throws: CacheError.missingObject(url: server.url("/x.html"), sha256: entry.sha256)) {
            try cache.documents(region: "test", sources: [SourceDescriptor(url: server.url("/x.html"), role: .overview, snapshotFile: "x")])
        }
    }
}
