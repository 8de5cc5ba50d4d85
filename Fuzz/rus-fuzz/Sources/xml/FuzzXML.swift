import Documents
import Markup

/// XML: `MarkupDocument(xml:)`, then XPath queries and the node accessors on what they select.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard let document = try? MarkupDocument(xml: bytes) else { return 0 }
    let nodes = (try? document.select("//*[@*] | //text()[normalize-space()] | //comment() | //processing-instruction()")) ?? []
    for node in nodes.prefix(200) {
        _ = node.name
        _ = node.namespaceURI
        _ = node.attributes
        _ = node.normalizedText
        _ = node.locator
        _ = node.line
    }
    if let root = document.root {
        _ = root.innerMarkup.count
        _ = try? root.select("./*[1]//*[local-name() = 'title' or local-name() = 'item']")
    }
    _ = try? document.select("//a:entry/a:title | //a:link/@href", namespaces: ["a": "http://www.w3.org/2005/Atom"])
    return 0
}
