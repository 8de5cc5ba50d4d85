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

    @Test func wholeDocumentRepairMatchesXMLEntityRepair() {
        for text in documents {
            let general = Array(text.utf8).withUnsafeBytes { XMLEntityRepair.repairWithReport($0) }
            let streamed = Array(text.utf8).withUnsafeBytes { StreamingEntityRepair.repairWithReport($0) }
            #expect(streamed?.bytes == general?.bytes, "\(text)")
            #expect(streamed?.report == general?.report, "\(text)")
        }
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
            let general = file.bytes.withUnsafeBytes { XMLEntityRepair.repairWithReport($0) }
            let streamed = file.bytes.withUnsafeBytes { StreamingEntityRepair.repairWithReport($0) }
            #expect(streamed?.bytes == general?.bytes, "\(file.name)")
            #expect(streamed?.report == general?.report, "\(file.name)")
            if streamed != nil { repaired += 1 }
        }
        // Not a vacuous comparison: many of them are repaired.
        #expect(repaired > 50)
    }
}
