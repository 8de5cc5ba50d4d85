import Foundation
import Testing

/// Every place in the sources that hands libxml2 parse options hands it one of the two checked
/// option sets (`LibXML2.xmlOptions(recover:)`, `LibXML2.htmlOptions`, see
/// `LibXML2OptionsTests`), and the forbidden options are named only in the mask that keeps
/// them out. Read from the source files, so a new call site cannot slip past.
@Suite("libxml2 call sites")
struct LibXML2CallSitesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The Swift files under `Sources/`, `Benchmarks/`, `Fuzz/`, `Regions/` and `Examples/`
    /// (region modules, ours and an example from outside), with their text.
    static func sources() throws -> [(path: String, text: String)] {
        var files: [(String, String)] = []
        for folder in ["Sources", "Benchmarks", "Fuzz", "Regions", "Examples"] {
            let base = root.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in walker where url.pathExtension == "swift" && !url.path.contains("/.build") {
                files.append((String(url.path.dropFirst(root.path.count + 1)), try String(contentsOf: url, encoding: .utf8)))
            }
        }
        return files
    }

    @Test func everyParseGetsACheckedOptionSet() throws {
        let entryPoints = ["xmlCtxtUseOptions", "xmlCtxtReadMemory", "htmlCtxtReadMemory", "xmlReadMemory", "htmlReadMemory",
                           "xmlReadFile", "htmlReadFile", "xmlReadDoc", "htmlReadDoc", "xmlCtxtReadFile", "xmlReaderForMemory",
                           "xmlParseMemory", "htmlParseDoc", "xmlSAXUserParseMemory", "htmlCtxtUseOptions"]
        let files = try Self.sources()
        #expect(files.contains { $0.path == "Sources/Markup/LibXML2.swift" })
        #expect(files.contains { $0.path.hasPrefix("Regions/") } && files.contains { $0.path.hasPrefix("Examples/") })
        var calls = 0
        for (path, text) in files {
            for line in text.split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
                guard entryPoints.contains(where: { line.contains($0 + "(") }) else { continue }
                calls += 1
                #expect(line.contains("LibXML2.xmlOptions(") || line.contains("LibXML2.htmlOptions"), "\(path): \(line)")
            }
        }
        // The HTML and XML tree parses (the push parser and the memory input without a read
        // callback set their options through `LibXML2.useXMLOptions`), and the in-memory event
        // read of HTML (pages).
        #expect(calls >= 4)
        #expect(files.contains { $0.path == "Sources/Markup/StreamingReaderSAX.swift" && $0.text.contains("LibXML2.useXMLOptions(") })
        #expect(files.contains { $0.path == "Sources/Markup/HTMLEventReader.swift" && $0.text.contains("htmlCtxtReadMemory(") })
    }

    /// A context's options and the fields they drive are never written but to clear them: a
    /// write would bypass the checked option sets.
    @Test func contextOptionsAreOnlyEverCleared() throws {
        let fields = ["pointee.options", "pointee.replaceEntities", "pointee.loadsubset", "pointee.validate"]
        var writes = 0
        for (path, text) in try Self.sources() {
            for line in text.split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
                for field in fields where line.contains(field + " =") && !line.contains(field + " ==") {
                    writes += 1
                    #expect(line.trimmingCharacters(in: .whitespaces).hasSuffix(field + " = 0"), "\(path): \(line)")
                }
            }
        }
        // The kept push context cleared when given back, and the push session's set-up.
        #expect(writes >= 4)
    }

    @Test func theForbiddenOptionsAreNamedOnlyInTheMask() throws {
        let names = ["XML_PARSE_NOENT", "XML_PARSE_DTDLOAD", "XML_PARSE_DTDATTR", "XML_PARSE_XINCLUDE", "XML_PARSE_HUGE", "HTML_PARSE_HUGE",
                     "xmlSubstituteEntitiesDefault", "xmlLoadExtDtdDefaultValue", "xmlXIncludeProcess"]
        for (path, text) in try Self.sources() {
            for line in text.split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
                for name in names where line.contains(name) {
                    #expect(path == "Sources/Markup/LibXML2.swift" && line.contains(".rawValue"), "\(path) names \(name): \(line)")
                }
            }
        }
    }
}
