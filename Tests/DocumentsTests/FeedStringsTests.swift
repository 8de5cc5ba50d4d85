import Testing
@testable import Documents

/// The string helpers of the feed readers' hot paths, held against the general rules they
/// shortcut.
@Suite("Feed string helpers")
struct FeedStringsTests {
    /// Every Unicode scalar whose UTF-8 lead byte is said to start no whitespace is indeed no
    /// `White_Space`: what lets ``StringProtocol/feedTrimmed`` skip Unicode properties.
    @Test func leadBytesThatStartNoWhitespace() {
        var wrong: [UInt32] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value), scalar.properties.isWhitespace else { continue }
            let lead = Array(String(Character(scalar)).utf8)[0]
            if FeedWhitespace.startsNoWhitespace(lead: lead) { wrong.append(value) }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(5))")
    }

    /// The text without leading and trailing `White_Space`, by the general rule.
    static func trimmedByProperties(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let end = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[start...end])
    }

    @Test(arguments: [
        "", " ", "ord", " ord ", "Äldre miljoner", "Öland", "Växjö", "mål", "\u{A0}Öland\u{A0}", "\u{85}x\u{85}", "\u{3000}全角\u{3000}",
        "\u{2028}rad\u{2029}", "\u{1680}x", "x\u{205F}", "\u{FEFF}bom\u{FEFF}", "😀", " 😀 ", "\t\n", "ä", "é\u{301}", "x\u{7F}",
        "\u{7F}x", "€ 12", "12 €", "\u{2007}12\u{202F}",
    ])
    func trimmedAsByUnicodeProperties(text: String) {
        #expect(text.feedTrimmed == Self.trimmedByProperties(text), "\(text.debugDescription)")
        #expect(text[...].feedTrimmed == Self.trimmedByProperties(text), "\(text.debugDescription)")
    }
}
