import Testing
@testable import Markup

@Suite("Encodings libxml2 converts from, looked up once")
struct SupportedEncodingsTests {
    /// Names libxml2 builds in, names only iconv has, and names nothing has.
    let names = [
        "UTF-8", "UTF-16LE", "ISO-8859-1", "WINDOWS-1252", "ISO-8859-15", "WINDOWS-1250", "KOI8-R", "SHIFT_JIS",
        "X-MADE-UP-ENCODING", "UTF-9", "", "WINDOWS-1252 ",
    ]

    @Test func answersAsLibXML2Does() {
        let set = SupportedEncodings()
        for round in 1...2 {
            for name in names {
                #expect(set.contains(name) == SupportedEncodings.lookUp(name), "\(name), round \(round)")
            }
        }
        #expect(SupportedEncodings.lookUp("WINDOWS-1252"))
        #expect(!SupportedEncodings.lookUp("X-MADE-UP-ENCODING"))
    }

    @Test func keepsOnlyNamesFoundSupported() {
        let set = SupportedEncodings()
        #expect(set.contains("WINDOWS-1252"))
        #expect(!set.contains("X-MADE-UP-ENCODING"))
        #expect(set.isKnown("WINDOWS-1252"))
        // A failed lookup is never remembered: it is made again next time.
        #expect(!set.isKnown("X-MADE-UP-ENCODING"))
        #expect(set.count == 1)
    }

    @Test func keepsAtMostItsCapacity() {
        let supported = (1...16).map { "ISO-8859-\($0)" } + (1250...1258).map { "WINDOWS-\($0)" }
            + ["CP437", "CP850", "CP852", "CP866", "KOI8-R", "KOI8-U", "MACINTOSH", "SHIFT_JIS", "EUC-JP", "GB18030", "BIG5", "UTF-16LE", "UTF-16BE"]
        let found = supported.filter(SupportedEncodings.lookUp)
        #expect(found.count > SupportedEncodings.capacity, "the test needs more supported names than the capacity")
        let set = SupportedEncodings()
        for name in found { #expect(set.contains(name), "\(name)") }
        #expect(set.count == SupportedEncodings.capacity)
        // Past the capacity, names are still answered right, only not kept.
        #expect(set.contains(found[found.count - 1]))
        #expect(!set.isKnown(found[found.count - 1]))
        #expect(set.isKnown(found[0]))
    }

    @Test func windows1252DocumentsReadTheSameBeforeAndAfterTheNameIsKept() throws {
        // The first read of a Windows-1252 document looks the name up; later reads find it kept.
        let xml: [UInt8] = Array("<?xml version=\"1.0\" encoding=\"windows-1252\"?><r>".utf8) + [0xE5, 0xE4, 0xF6, 0x80] + Array("</r>".utf8)
        let first = try MarkupDocument(xml: xml)
        #expect(SupportedEncodings.shared.isKnown("WINDOWS-1252"))
        let second = try MarkupDocument(xml: xml)
        #expect(first.root?.textContent == "åäö€")
        #expect(second.root?.textContent == "åäö€")
        #expect(second.charset.name == "WINDOWS-1252")
    }
}
