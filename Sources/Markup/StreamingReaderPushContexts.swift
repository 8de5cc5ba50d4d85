internal import CLibXML2

/// One libxml2 push parser context kept between the streams of a reader of many small
/// documents (a ``StreamingXMLReader`` made with ``StreamingXMLReader/init(options:pushContexts:)``):
/// making and freeing a push context (its tables, its dictionary, its first input) is about a
/// sixth of the work of streaming a feed of a few hundred bytes.
///
/// A new push session makes its context and then sets it up with `xmlCtxtResetPush` (the
/// encoding) and `xmlCtxtUseOptions` (`LibXML2.xmlOptions`); a kept one goes through the same
/// two calls and is given our SAX callbacks and user data again. `xmlCtxtResetPush` starts with
/// `xmlCtxtReset`, which frees the inputs, the stand-in document and the DTD's attribute
/// defaults, empties the element, name, namespace and space stacks and sets the state back
/// (well-formed, not stopped, errors cleared); it keeps the tables' memory, the dictionary, the
/// SAX handler and the options. So no stream can tell a kept context from a new one, within
/// these bounds:
/// - the options: libxml2 adds options to a context and never takes them away, so a context is
///   kept for streams with the same `recover` only;
/// - the dictionary: a context whose dictionary holds more than ``maximumDictionaryBytes`` is
///   freed (it stays far from libxml2's limit of 10 MB);
/// - the document: a context is given back only by a stream that ended (``StreamingXMLReader/finish()``
///   was called) or was given up (a chunk was refused with an error); a stream dropped in the
///   middle of its document frees its context. A kept context is reset when given back, so it
///   holds none of its document's input while it waits, only names in its dictionary.
///
/// At most one context is kept. Used by one stream at a time (its owner hands it to one reader,
/// made as new for each stream: ``StreamingXMLReader/restart(options:)``), never by two threads
/// at once.
package final class XMLPushContextCache {
    // Used by one stream at a time (see above): no runtime exclusivity checks.
    @exclusivity(unchecked) private var slot = KeptParserContext()

    /// A context whose dictionary holds more is freed.
    static let maximumDictionaryBytes = 256 * 1024

    package init() {}

    deinit {
        slot.freeKept()
    }

    /// Whether a context waits.
    package var holdsContext: Bool { slot.context != nil }

    /// The kept context for a stream with `recover`, if it may serve it (else `nil`: the caller
    /// makes a new one).
    func take(recover: Bool) -> xmlParserCtxtPtr? {
        slot.take(recover: recover)
    }

    /// Gives `sink` the indices cached for the dictionary of `context` (none for another one).
    func lendNameIndices(to sink: StreamingSink, for context: xmlParserCtxtPtr) {
        slot.lendNameIndices(to: sink, for: context)
    }

    /// Takes the indices back after the stream (before its context is given back).
    func takeBackNameIndices(from sink: StreamingSink) {
        slot.takeBackNameIndices(from: sink)
    }

    /// Takes `context` back from a stream (its stand-in document freed): reset and kept if the
    /// stream ended or was given up (`mayKeep`), nothing is kept and its dictionary is small;
    /// else freed, and the name indices of its dictionary forgotten (another dictionary may be
    /// made at its address).
    func give(_ context: xmlParserCtxtPtr, recover: Bool, mayKeep: Bool) {
        context.pointee.userData = nil
        guard mayKeep, slot.context == nil, let dictionary = context.pointee.dict, xmlDictGetUsage(dictionary) <= Self.maximumDictionaryBytes else {
            slot.free(context)
            return
        }
        // Nothing of the document but its names waits with the context, and no options: each
        // stream sets its own (LibXML2.xmlOptions), as on a new context, which has none.
        xmlCtxtReset(context)
        context.pointee.options = 0
        context.pointee.recovery = 0
        slot.keep(context, recover: recover)
    }
}

/// One libxml2 parser context kept between reads, for reads with one `recover`, and the
/// indices of names by their address in its dictionary (``StreamingSink/nameIndices``), lent
/// to each read with it: a name read before is found without making its string again. What
/// ``XMLParserContextCache`` (in-memory reads) and ``XMLPushContextCache`` (streams) share;
/// each decides what it keeps. The indices are forgotten when the dictionary they belong to is
/// freed (another could be made at the same address): contexts taken from the slot are freed
/// through it (``free(_:)``).
struct KeptParserContext {
    private(set) var context: xmlParserCtxtPtr?
    private var recover = false
    private var nameIndices = NameIndexCache()
    private var nameIndicesDictionary: OpaquePointer?

    /// The kept context for a read with `recover`, if any; one kept for another `recover` is
    /// freed (libxml2 adds options to a context, it does not take them away).
    mutating func take(recover: Bool) -> xmlParserCtxtPtr? {
        guard let kept = context else { return nil }
        context = nil
        guard self.recover == recover else {
            free(kept)
            return nil
        }
        return kept
    }

    /// Keeps `context` (the slot is empty) for reads with `recover`.
    mutating func keep(_ context: xmlParserCtxtPtr, recover: Bool) {
        self.context = context
        self.recover = recover
    }

    /// Gives `sink` the indices cached for the dictionary of `context` (none for another one).
    mutating func lendNameIndices(to sink: StreamingSink, for context: xmlParserCtxtPtr) {
        if nameIndicesDictionary != context.pointee.dict {
            nameIndices = NameIndexCache()
            nameIndicesDictionary = context.pointee.dict
        }
        swap(&nameIndices, &sink.nameIndices)
    }

    /// Takes the indices back after the read (before its context is given back).
    mutating func takeBackNameIndices(from sink: StreamingSink) {
        swap(&nameIndices, &sink.nameIndices)
    }

    /// Frees `context`, forgetting the indices of its dictionary.
    mutating func free(_ context: xmlParserCtxtPtr) {
        if context.pointee.dict == nameIndicesDictionary {
            nameIndices = NameIndexCache()
            nameIndicesDictionary = nil
        }
        xmlFreeParserCtxt(context)
    }

    /// Frees the kept context, if any (when the owner goes away).
    func freeKept() {
        if let context { xmlFreeParserCtxt(context) }
    }
}
