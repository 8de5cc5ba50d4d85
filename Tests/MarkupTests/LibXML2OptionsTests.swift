import Testing
@testable import Markup

/// The options every parse passes to libxml2 (`LibXML2.xmlOptions`, `LibXML2.htmlOptions`, the
/// only option sets there are) never hold a forbidden one, and always hold NONET.
@Suite("libxml2 options")
struct LibXML2OptionsTests {
    @Test(arguments: [true, false])
    func xmlOptionsHoldNothingForbidden(recover: Bool) {
        let options = LibXML2.xmlOptions(recover: recover)
        #expect(options & LibXML2.forbiddenOptions == 0)
        #expect(options & 2048 != 0)  // XML_PARSE_NONET
    }

    @Test func htmlOptionsHoldNothingForbidden() {
        #expect(LibXML2.htmlOptions & LibXML2.forbiddenOptions == 0)
        #expect(LibXML2.htmlOptions & 2048 != 0)  // HTML_PARSE_NONET
    }

    /// The mask covers NOENT (2), DTDLOAD (4), DTDATTR (8), XINCLUDE (1024) and HUGE (1 << 19).
    @Test func theForbiddenMaskIsComplete() {
        #expect(LibXML2.forbiddenOptions == 2 | 4 | 8 | 1024 | (1 << 19))
    }
}
