import Foundation
import Testing
@testable import Markup

@Suite("The stream's entity repair against the whole-document repair")
struct StreamingEntityRepairTests {
    /// Documents with and without ampersands, with comments, CDATA and instructions (which pass
    /// through untouched), and with constructs cut at the end.
    let documents = [
        "<rss><channel><title>Ingen referens här</title></channel></rss>",
        "<rss><!-- a comment --><title>Å &auml; &amp; AT&T &#X41; &#150; &nosuch;</title></rss>",
        "<r><![CDATA[ &auml; stays ]]><t>&ouml;</t><?pi &auml; stays ?></r>",
        "<r><!-- &auml; in a comment -->text</r>",
        "<r>plain text, no reference, <!-- an unterminated comment",
        "<r><![CDATA[ an unterminated CDATA section",
        "<r>a lone ampersand at the end &",
        "",
    ]

    func whole(_ text: String) -> [UInt8]? {
        Array(text.utf8).withUnsafeBytes { StreamingEntityRepair.repairWithReport($0)?.bytes }
    }

    @Test(arguments: [XMLEntityRepair.Scope.all, .namedEntities])
    func wholeDocumentRepairMatchesXMLEntityRepair(scope: XMLEntityRepair.Scope) {
        for text in documents {
            let general = Array(text.utf8).withUnsafeBytes { XMLEntityRepair.repairWithReport($0, scope: scope) }
            let streamed = Array(text.utf8).withUnsafeBytes { StreamingEntityRepair.repairWithReport($0, scope: scope) }
            #expect(streamed?.bytes == general?.bytes, "\(text)")
            #expect(streamed?.report == general?.report, "\(text)")
        }
    }

    /// `MarkupDocument`'s repair (`XMLEntityRepair.repair`, the stream's scan on a whole
    /// document) against the byte-by-byte scan in its scope, on documents put together at
    /// random from the pieces that decide a repair: references of every kind, comments, CDATA
    /// sections and instructions (open, closed, cut), tags, text, and sometimes a NUL byte.
    @Test func markupDocumentRepairMatchesTheByteByByteScan() {
        let pieces = [
            "&auml;", "&ouml;", "&amp;", "&lt;", "&apos;", "&", "&#150;", "&#X41;", "&#x41;", "&#228;", "&#0;", "&nosuch;", "&a", ";", "#",
            "<!--", "-->", "<![CDATA[", "]]>", "<?", "?>", "<!", "<t>", "</t>", "<a href='?a=1&b=2'>", "text ", "å", "\u{0}",
        ]
        // A linear congruential generator: the same documents on every run.
        var state: UInt64 = 0x2026_1123
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33)
        }
        var repaired = 0
        var withNUL = 0
        for _ in 0..<20_000 {
            let bytes = Array((0..<(next() % 24)).map { _ in pieces[next() % pieces.count] }.joined().utf8)
            let expected = bytes.withUnsafeBytes { XMLEntityRepair.repairWithReport($0, scope: .namedEntities) }
            let result = bytes.withUnsafeBytes { XMLEntityRepair.repair($0) }
            #expect(result?.bytes == expected?.bytes && result?.count == expected?.report.total, "\(String(decoding: bytes, as: UTF8.self))")
            if result != nil { repaired += 1 }
            if bytes.contains(0) { withNUL += 1 }
        }
        // Not a vacuous comparison: many documents are repaired, and many hold a NUL byte.
        #expect(repaired > 3_000 && withNUL > 3_000, "\(repaired) repaired, \(withNUL) with NUL")
    }

    @Test func documentsWithoutAmpersandsAreLeftAsTheyAre() {
        for text in documents where !text.contains("&") {
            #expect(whole(text) == nil, "\(text)")
            // What the scan itself finds, chunk by chunk, without the whole-document shortcut.
            var repair = StreamingEntityRepair()
            repair.scope = .all
            let bytes = Array(text.utf8)
            var result: [UInt8] = []
            for start in stride(from: 0, to: max(bytes.count, 1), by: 7) {
                let chunk = bytes.isEmpty ? [] : Array(bytes[start..<min(bytes.count, start + 7)])
                let final = start + 7 >= bytes.count
                result += chunk.withUnsafeBytes { repair.process($0, final: final) } ?? chunk
            }
            #expect(result == bytes, "\(text)")
            #expect(repair.report == XMLEntityRepair.Report(), "\(text)")
        }
    }

    @Test(.enabled(if: SharedTestData.isAvailable, "needs ../shared/testdata"))
    func feedparserFeedsRepairAsTheWholeDocumentRepairDoes() throws {
        let files = try SharedTestData.xmlFiles(in: ["feedparser/feeds", "hostile-xml"])
        #expect(files.count > 390)
        var repaired = 0
        for file in files {
            for scope in [XMLEntityRepair.Scope.all, .namedEntities] {
                let general = file.bytes.withUnsafeBytes { XMLEntityRepair.repairWithReport($0, scope: scope) }
                let streamed = file.bytes.withUnsafeBytes { StreamingEntityRepair.repairWithReport($0, scope: scope) }
                #expect(streamed?.bytes == general?.bytes, "\(file.name)")
                #expect(streamed?.report == general?.report, "\(file.name)")
                if streamed != nil, scope == .all { repaired += 1 }
            }
        }
        // Not a vacuous comparison: many of them are repaired.
        #expect(repaired > 50)
    }
}
