import Foundation
import Testing
import HostileCorpus
import Markup
import Documents

/// Every input the fuzz targets (`Fuzz/rus-fuzz`, run with `Scripts/fuzz.sh`) found a crash,
/// hang or leak with, replayed through the same reader call as its target: each must now
/// return or end in the reader's typed error. The inputs live in
/// `Fixtures/FuzzRegressions/<target>/` (any file but `README.md`); a few seeds from the
/// bundled snapshots go through the same calls, so no target is replayed on nothing.
enum FuzzRegressions {
    static let targets = ["html", "xml", "feed", "sitemap", "pptx", "docx"]
    static let folder = ProjectFiles.root.appendingPathComponent("Tests/DocumentsTests/Fixtures/FuzzRegressions")

    struct Case: CustomTestStringConvertible, Sendable {
        let target: String
        let name: String
        let bytes: [UInt8]
        var testDescription: String { "\(target)/\(name)" }
    }

    /// The regression inputs, by target and name.
    static let found: [Case] = targets.flatMap { target -> [Case] in
        let directory = folder.appendingPathComponent(target)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0 != "README.md" && !$0.hasPrefix(".") }.sorted().compactMap { name in
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) else { return nil }
            return Case(target: target, name: name, bytes: [UInt8](data))
        }
    }

    /// At least one well-formed input per target: bundled snapshots, the fuzzer's sitemap seed
    /// (no sitemap is bundled), and for .docx (none is bundled) the sample report the Word
    /// reader tests use.
    static let seeds: [Case] = {
        func snapshot(_ target: String, _ path: String) -> Case? {
            (try? ProjectFiles.bytes(path)).map { Case(target: target, name: path, bytes: $0) }
        }
        return [
            snapshot("html", "Regions/Kalmar/Sources/Snapshot/regional-utvecklingsstrategi.html"),
            snapshot("html", "Regions/Blekinge/Sources/Snapshot/vaxtplats-blekinge.html"),
            snapshot("xml", "Regions/Vasternorrland/Sources/Snapshot/nyheter.xml"),
            snapshot("feed", "Regions/Kalmar/Sources/Snapshot/nyheter.xml"),
            snapshot("feed", "Regions/Blekinge/Sources/Snapshot/nyheter.xml"),
            snapshot("sitemap", "Regions/Blekinge/Sources/Snapshot/nyheter.xml"),
            snapshot("sitemap", "Fuzz/seeds/sitemap/urlset.xml"),
            snapshot("pptx", "Regions/Blekinge/Sources/Snapshot/genomforande-och-uppfoljning-av-rus.pptx"),
            Case(target: "docx", name: "OfficeSamples.wordDocument()", bytes: OfficeSamples.wordDocument()),
        ].compactMap(\.self)
    }()

    /// What happened to one input: read, or refused with the reader's typed error.
    enum Outcome: Equatable {
        case read
        case refused(String)
    }

    /// The call each fuzz target makes (see `Fuzz/rus-fuzz/Sources/<target>/`).
    static func replay(_ target: String, _ bytes: [UInt8]) -> Outcome {
        switch target {
        case "html":
            do {
                _ = try HTMLPageReader().read(bytes, url: "https://example.org/a/page.html").dump
                return .read
            } catch { return .refused(error.description) }
        case "xml":
            do {
                let document = try MarkupDocument(xml: bytes)
                for node in try document.select("//*[@*] | //text()[normalize-space()] | //comment() | //processing-instruction()").prefix(200) {
                    _ = (node.name, node.namespaceURI, node.attributes, node.normalizedText, node.locator, node.line)
                }
                if let root = document.root {
                    _ = root.innerMarkup.count
                    _ = try root.select("./*[1]//*[local-name() = 'title' or local-name() = 'item']")
                }
                _ = try document.select("//a:entry/a:title | //a:link/@href", namespaces: ["a": "http://www.w3.org/2005/Atom"])
                return .read
            } catch { return .refused(error.description) }
        case "feed":
            var refusals: [String] = []
            do { _ = try FeedReader().read(bytes, url: "https://example.org/feed/") } catch { refusals.append(error.description) }
            let chunk = bytes.isEmpty ? 1 : Int(bytes[0] % 64) + 1
            let stream = FeedStream(url: "https://example.org/feed/")
            do {
                var offset = 0
                while offset < bytes.count {
                    let end = min(bytes.count, offset + chunk)
                    _ = try stream.consume(bytes[offset..<end])
                    offset = end
                }
                _ = try stream.finish()
            } catch { refusals.append(error.description) }
            return refusals.isEmpty ? .read : .refused(refusals.joined(separator: "; "))
        case "sitemap":
            do {
                _ = try SitemapReader().read(bytes, url: "https://example.org/sitemap.xml")
                return .read
            } catch { return .refused(error.description) }
        case "pptx", "docx":
            do {
                let url = "https://example.org/files/document.\(target)"
                _ = try OfficeReader().read(repairingStoredEntryChecksums(bytes), url: url).outline(url: url).dump
                return .read
            } catch { return .refused(error.description) }
        default:
            Issue.record("no fuzz target named \(target)")
            return .refused("")
        }
    }
}

@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    @Test("every fuzz finding returns or ends in a typed error", arguments: FuzzRegressions.found)
    func finding(_ input: FuzzRegressions.Case) {
        if case let .refused(message) = FuzzRegressions.replay(input.target, input.bytes) {
            #expect(!message.isEmpty, "a refusal says why")
        }
    }

    @Test("the replay reads the bundled seeds", arguments: FuzzRegressions.seeds)
    func seed(_ input: FuzzRegressions.Case) {
        // A feed snapshot given to the sitemap reader is refused (not a sitemap); the rest read.
        let outcome = FuzzRegressions.replay(input.target, input.bytes)
        switch (input.target, outcome) {
        case ("sitemap", .refused(let message)):
            #expect(message.contains("not a sitemap"))
        case (_, .refused(let message)):
            Issue.record("\(input.testDescription) was refused: \(message)")
        case (_, .read):
            break
        }
    }

    /// The Office targets' replay makes stored entries' CRC-32s right: a mutated part is read.
    @Test func storedEntryChecksumsAreRepaired() throws {
        var bytes = OfficeSamples.minimalWord(body: OfficeSamples.wp(nil, OfficeSamples.run("Växtplats Blekinge")))
        let text = Array("Blekinge".utf8)
        let at = try #require(bytes.indices.first { bytes[$0...].starts(with: text) })
        bytes[at] = UInt8(ascii: "b")
        #expect(throws: OOXMLError.self) { try OfficeReader().read(bytes) }
        #expect(FuzzRegressions.replay("docx", bytes) == .read)
    }

    @Test func everyTargetHasInputs() {
        let replayed = Set((FuzzRegressions.found + FuzzRegressions.seeds).map(\.target))
        #expect(replayed == Set(FuzzRegressions.targets))
        #expect(FileManager.default.fileExists(atPath: FuzzRegressions.folder.appendingPathComponent("README.md").path))
    }
}
