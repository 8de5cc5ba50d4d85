import Foundation
import Testing
import HostileCorpus
import Documents
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The hostile corpus (generated at run time, see `Benchmarks/HostileCorpus`) through every
/// reader: each case ends in the error kind or the safe result it must, no output shows a byte
/// of a planted secret file, no output is larger than its input allows (no entity expansion),
/// and a listening socket the documents point at never sees a connection. Times and memory are
/// measured by `rus-bench hostile`, not here.
@Suite("Hostile corpus", .serialized)
struct HostileCorpusTests {
    static let secretMarker = "RUS-SECRET-" + UUID().uuidString
    static let secret: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rus-hostile-secret-\(UUID().uuidString).txt")
        try? secretMarker.write(to: url, atomically: true, encoding: .utf8)
        return url
    }()
    static let canary = Canary()
    static let corpus = HostileCorpus.cases(secretPath: secret.path, canaryURL: "http://127.0.0.1:\(canary.port)/canary.dtd")

    static func check(_ hostile: HostileCase) {
        let bytes = hostile.bytes
        let outcome = hostile.run(bytes)
        #expect(outcome.kind == hostile.expected, "\(hostile.name): \(outcome.message)")
        #expect(!outcome.text.contains(secretMarker), "\(hostile.name) shows the secret file")
        #expect(outcome.text.utf8.count <= 2 * bytes.count + 100_000, "\(hostile.name): output larger than its input allows")
    }

    @Test func everyCaseEndsAsItMust() throws {
        #expect(FileManager.default.fileExists(atPath: Self.secret.path))
        #expect(Self.corpus.count > 60)
        #expect(Set(Self.corpus.map(\.reader)) == Set(HostileCase.Reader.allCases))
        for hostile in Self.corpus { Self.check(hostile) }
        #expect(Self.canary.connections() == 0, "a document made the parser connect to the network")
    }

    /// Attribute defaults declared in a DTD are not applied (libxml2 is never given
    /// `XML_PARSE_DTDATTR`), whichever reader reads the document.
    @Test func dtdDefaultAttributesAreNotApplied() throws {
        let cases = Self.corpus.filter { $0.name.hasPrefix("dtd-default-attribute/") }
        #expect(cases.count == 3)
        for hostile in cases {
            let outcome = hostile.run(hostile.bytes)
            #expect(outcome.kind == "read", "\(hostile.name): \(outcome.message)")
            #expect(!outcome.text.contains(HostileCorpus.dtdDefaultMarker), "\(hostile.name) applied a DTD default attribute")
        }
    }

    /// Text that was readable stays readable: the right characters, not mojibake or nothing.
    @Test(arguments: ["lying-meta-charset/html", "utf16-with-bom/feed", "utf16-without-bom/feed", "invalid-utf8/feed", "nul-bytes/feed-stream"])
    func swedishTextSurvives(name: String) throws {
        let hostile = try #require(Self.corpus.first { $0.name == name })
        let outcome = hostile.run(hostile.bytes)
        #expect(outcome.kind == "read")
        #expect(outcome.text.contains("Västernorrland") || outcome.text.contains("V\u{E4}sternorrland"), "\(name)")
    }

    /// The classic hostile XML of `../shared/testdata/hostile-xml`, through the XML and feed readers.
    @Test func sharedHostileXML() throws {
        let folder = ProjectFiles.sharedTestData.appendingPathComponent("hostile-xml")
        guard FileManager.default.fileExists(atPath: folder.path) else {
            print("skipped: ../shared/testdata/hostile-xml is absent")
            return
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".xml") }.sorted()
        #expect(files.count == 10)
        let declaresEntities: Set = ["cyclic.xml", "xmlbomb.xml", "xmlbomb2.xml", "quadratic.xml", "external.xml", "external_file.xml"]
        for name in files {
            let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
            for reader in [HostileCase.Reader.xml, .feed, .feedStream, .sitemap] {
                let outcome = HostileCase(name, reader, bytes, expect: "").run(bytes)
                let allowed: Set<String> = switch reader {
                case .xml: declaresEntities.contains(name) ? ["entity-declaration"] : ["read"]
                case .sitemap: declaresEntities.contains(name) ? ["entity-declaration"] : ["not-a-sitemap"]
                default: ["not-a-feed"]
                }
                #expect(allowed.contains(outcome.kind), "\(name) via \(reader): \(outcome.kind) \(outcome.message)")
                #expect(outcome.text.utf8.count <= 2 * bytes.count + 10_000, "\(name) via \(reader)")
            }
        }
    }
}

/// A listening socket on 127.0.0.1 that counts the connections it is offered.
final class Canary: Sendable {
    let descriptor: Int32
    let port: Int

    init() {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                _ = bind(listener, raw, length)
                _ = listen(listener, 16)
                _ = getsockname(listener, raw, &length)
            }
        }
        _ = fcntl(listener, F_SETFL, fcntl(listener, F_GETFL) | O_NONBLOCK)
        descriptor = listener
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    /// How many connections are waiting (each accepted and closed).
    func connections() -> Int {
        var count = 0
        while true {
            let client = accept(descriptor, nil, nil)
            guard client >= 0 else { return count }
            count += 1
            close(client)
        }
    }

    deinit { close(descriptor) }
}
