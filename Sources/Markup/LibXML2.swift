internal import CLibXML2

/// One-time global set-up of libxml2: initialise the parser and install an external entity
/// loader that refuses every request (`NONET` alone does not stop `file://`).
enum LibXML2 {
    /// Evaluated once, thread-safely, by the Swift runtime.
    private static let initialised: Void = {
        xmlInitParser()
        xmlSetExternalEntityLoader { _, _, _ in nil }
    }()

    static func ensureInitialised() { _ = initialised }

    /// What is never passed to libxml2: entity substitution (`NOENT`), DTD loading and default
    /// attributes (`DTDLOAD`, `DTDATTR`), XInclude, and lifted hard limits (`HUGE`). Every option
    /// set below leaves these bits clear (checked by `LibXML2OptionsTests`), and they are
    /// named nowhere else.
    static let forbiddenOptions = Int32(
        XML_PARSE_NOENT.rawValue | XML_PARSE_DTDLOAD.rawValue | XML_PARSE_DTDATTR.rawValue
            | XML_PARSE_XINCLUDE.rawValue | XML_PARSE_HUGE.rawValue
    )

    /// Options for XML: no entity substitution, no DTD loading, no network, no XInclude;
    /// line numbers past 65535; CDATA as text; ignore the in-document encoding label (ours wins).
    static func xmlOptions(recover: Bool) -> Int32 {
        var options = XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_BIG_LINES.rawValue
            | XML_PARSE_IGNORE_ENC.rawValue | XML_PARSE_NOXINCNODE.rawValue
        if recover { options |= XML_PARSE_RECOVER.rawValue }
        return Int32(options)
    }

    /// Sets ``xmlOptions(recover:)`` on `context` and checks that no forbidden option is in
    /// effect: a context kept between documents keeps what earlier reads set (libxml2 adds
    /// options to a context and never takes them away), so this is checked on every read, not
    /// only when the options are built.
    static func useXMLOptions(_ context: xmlParserCtxtPtr, recover: Bool) {
        _ = xmlCtxtUseOptions(context, LibXML2.xmlOptions(recover: recover))
        precondition(context.pointee.options & forbiddenOptions == 0, "a forbidden libxml2 option is set on a parser context")
    }

    /// The encoding name to hand libxml2 for XML `content` read as `charset`: `nil` (libxml2's
    /// native UTF-8, no converter) when the content is UTF-8 that the sniffer validated (or
    /// repaired) and libxml2's own four-byte detection cannot mistake for another encoding (no
    /// zero byte among the first four, no second byte-order mark); the charset's name otherwise.
    ///
    /// The same bytes are read the same way either way (``xmlOptions(recover:)`` ignores the
    /// in-document label), but libxml2 2.9 runs a UTF-8 → UTF-8 converter over the input when it
    /// is given "UTF-8", growing the input through it dozens of times in a small document.
    static func xmlEncoding(for charset: SniffedCharset, content: UnsafeRawBufferPointer) -> String? {
        guard charset.name == "UTF-8", charset.source != .byteOrderMark, !charset.needsUTF8Repair else { return charset.name }
        if content.starts(with: [0xEF, 0xBB, 0xBF]) { return charset.name }
        for byte in content.prefix(4) where byte == 0 { return charset.name }
        return nil
    }

    /// Options for HTML: recover (HTML is always forgiving), no network, no blank text nodes
    /// dropped, ignore the in-document encoding label (ours wins).
    static let htmlOptions: Int32 = Int32(
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_IGNORE_ENC.rawValue
    )

    /// Documents below libxml2's lookup limit (`XML_MAX_LOOKUP_LIMIT`, 10,000,000 bytes) may be
    /// read without a read callback (``readMemory(_:context:encoding:recover:withoutReadCallback:)``):
    /// libxml2 2.9 holds such an input to that limit ("Huge input lookup"), a memory input not.
    static let largestReadWithoutCallback = 10_000_000

    /// `xmlCtxtReadMemory(context, bytes, count, nil, encoding, xmlOptions(recover:))`: parses
    /// a whole document in memory with `context` and hands back what libxml2's `xmlDoRead` does
    /// (the document when it is well-formed or `recover` is set, else `nil`, freed; the
    /// context's document pointer cleared), with the context's own callbacks (a tree, or SAX).
    ///
    /// For natively read UTF-8 (`encoding == nil`: no converter, which would read through a
    /// callback) below ``largestReadWithoutCallback`` it does the same step by step (libxml2
    /// 2.9's `xmlCtxtReadMemory`: `xmlCtxtReset`, a memory input buffer holding a copy of the
    /// bytes, pushed as the input; `xmlDoRead`: the options, `xmlParseDocument`) with one
    /// difference: the input buffer has no read callback. libxml2 gives a memory buffer a
    /// callback that reads nothing and then asks it for more each time fewer than 250 bytes are
    /// left: about 50 times in a document of a few hundred bytes, a fifth of its parse.
    /// Without a callback libxml2 takes the buffer for a whole document in memory ("Don't grow
    /// memory buffers") and never asks. `withoutReadCallback: false` always takes
    /// `xmlCtxtReadMemory` (what the tests hold the other route against:
    /// `StreamingReaderNativeMemoryTests`, `MarkupDocumentReadCallbackTests`).
    static func readMemory(
        _ chars: UnsafeBufferPointer<CChar>, context: xmlParserCtxtPtr, encoding: String?, recover: Bool, withoutReadCallback: Bool = true
    ) -> xmlDocPtr? {
        guard withoutReadCallback, encoding == nil, chars.count < largestReadWithoutCallback, pushInputWithoutCallback(chars, context: context) else {
            // libxml2 adds these options to what `context` holds: a kept context must hold none
            // of the forbidden ones (see useXMLOptions).
            precondition(context.pointee.options & forbiddenOptions == 0, "a forbidden libxml2 option is set on a parser context")
            return xmlCtxtReadMemory(context, chars.baseAddress, Int32(chars.count), nil, encoding, LibXML2.xmlOptions(recover: recover))
        }
        useXMLOptions(context, recover: recover)
        _ = xmlParseDocument(context)
        // What xmlDoRead hands back.
        let document = context.pointee.myDoc
        context.pointee.myDoc = nil
        if context.pointee.wellFormed == 0, context.pointee.recovery == 0, let document {
            xmlFreeDoc(document)
            return nil
        }
        return document
    }

    /// Resets `context` and pushes `chars` (copied into libxml2's own buffer, which ends in a
    /// NUL byte as its reads expect) as its input, with no read callback; `false` when libxml2
    /// could not make the input (then nothing is pushed).
    private static func pushInputWithoutCallback(_ chars: UnsafeBufferPointer<CChar>, context: xmlParserCtxtPtr) -> Bool {
        xmlInitParser()
        xmlCtxtReset(context)
        guard let buffer = xmlParserInputBufferCreateMem(chars.baseAddress, Int32(chars.count), XML_CHAR_ENCODING_NONE) else { return false }
        buffer.pointee.readcallback = nil
        guard let input = xmlNewIOInputStream(context, buffer, XML_CHAR_ENCODING_NONE) else {
            xmlFreeParserInputBuffer(buffer)
            return false
        }
        guard inputPush(context, input) >= 0 else {
            xmlFreeInputStream(input)
            return false
        }
        return true
    }

    /// Frees the document a SAX parse left in `context` (libxml2 makes one to hold the internal
    /// subset when it meets an entity declaration, even with callbacks that build no tree) before
    /// the context is freed, which would leave it behind.
    static func freeStandInDocument(of context: xmlParserCtxtPtr) {
        guard let document = context.pointee.myDoc else { return }
        context.pointee.myDoc = nil
        xmlFreeDoc(document)
    }

    /// Copies a libxml2 string and frees it.
    static func take(_ pointer: UnsafeMutablePointer<xmlChar>?) -> String? {
        guard let pointer else { return nil }
        defer { rus_xml_free(pointer) }
        return String(cString: pointer)
    }
}
