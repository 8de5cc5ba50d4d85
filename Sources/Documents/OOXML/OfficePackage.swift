import Foundation
import Markup

/// An Office Open XML package (the OPC layer under .pptx and .docx): content types,
/// relationships and XML parts, read from a checked ``ZipArchive``.
///
/// Part names are kept without the leading `/` (`ppt/slides/slide1.xml`), as in the ZIP.
/// Not `Sendable`: one package belongs to one read.
final class OfficePackage {
    /// One relationship of a part.
    struct Relationship {
        var id: String
        /// The last path component of the relationship type (`slide`, `hyperlink`, `officeDocument`),
        /// which is the same in transitional and strict OOXML.
        var type: String
        /// The target as written.
        var target: String
        var isExternal: Bool
        /// For internal targets: the part name the target resolves to.
        var part: String?
    }

    let archive: ZipArchive
    let parseOptions: ParseOptions
    /// What may still be inflated.
    private var budget: Int
    private var relationshipCache: [String: [String: Relationship]] = [:]
    private var relationshipOrder: [String: [Relationship]] = [:]
    /// Part name (lowercased) → content type, from `[Content_Types].xml`.
    private(set) var overrides: [String: String] = [:]
    private(set) var defaults: [String: String] = [:]
    /// The main document part and its content type.
    private(set) var mainPart: String = ""
    private(set) var mainContentType: String = ""

    init(bytes: [UInt8], options: ParseOptions) throws(OOXMLError) {
        archive = try ZipArchive(bytes: bytes, limits: options.limits)
        budget = options.limits.zipTotalBytes
        var parseOptions = options
        parseOptions.limits.inputBytes = min(options.limits.inputBytes, options.limits.zipEntryBytes)
        self.parseOptions = parseOptions
        try readContentTypes()
        guard let main = try relationships(of: "").first(where: { $0.type == "officeDocument" }), let part = main.part else {
            throw .missingPart(part: "_rels/.rels", neededFor: "finding the main document part (officeDocument relationship)")
        }
        guard has(part) else { throw .missingPart(part: part, neededFor: "the main document") }
        mainPart = part
        mainContentType = contentType(of: part)
    }

    func has(_ part: String) -> Bool { archive.entry(named: part) != nil }

    /// The inflated bytes of `part`.
    func bytes(of part: String) throws(OOXMLError) -> [UInt8] {
        guard let entry = archive.entry(named: part) else { throw .missingPart(part: part, neededFor: "reading it") }
        return try archive.contents(of: entry, budget: &budget)
    }

    /// Parses `part` as XML with the safe Markup options.
    func xml(_ part: String) throws(OOXMLError) -> MarkupDocument {
        let data = try bytes(of: part)
        do { return try MarkupDocument(xml: data, options: parseOptions) } catch {
            throw .malformedPart(part: part, error: error)
        }
    }

    /// Parses `part` if the package has it; `nil` when it is absent.
    func optionalXML(_ part: String?) throws(OOXMLError) -> MarkupDocument? {
        guard let part, has(part) else { return nil }
        return try xml(part)
    }

    func contentType(of part: String) -> String {
        if let type = overrides[part.lowercased()] { return type }
        let ext = (part as NSString).pathExtension.lowercased()
        return defaults[ext] ?? ""
    }

    // MARK: - Relationships

    /// The relationships of `part` (`""` for the package itself), in document order.
    func relationships(of part: String) throws(OOXMLError) -> [Relationship] {
        if let cached = relationshipOrder[part] { return cached }
        try loadRelationships(of: part)
        return relationshipOrder[part] ?? []
    }

    /// The relationship `id` of `part`.
    func relationship(_ id: String, of part: String) throws(OOXMLError) -> Relationship? {
        if relationshipCache[part] == nil { try loadRelationships(of: part) }
        return relationshipCache[part]?[id]
    }

    /// The part an internal relationship `id` of `part` points to, if it is in the package.
    func target(_ id: String, of part: String) throws(OOXMLError) -> String? {
        guard let rel = try relationship(id, of: part), let target = rel.part, has(target) else { return nil }
        return target
    }

    /// The first internal target of `part` with relationship type `type` (e.g. `notesSlide`).
    func firstTarget(ofType type: String, from part: String) throws(OOXMLError) -> String? {
        try relationships(of: part).first { $0.type == type && $0.part.map(has) == true }?.part
    }

    private func loadRelationships(of part: String) throws(OOXMLError) {
        let relsPart = Self.relationshipsPart(of: part)
        var byID: [String: Relationship] = [:]
        var ordered: [Relationship] = []
        if let document = try optionalXML(relsPart), let root = document.root {
            let base = (part as NSString).deletingLastPathComponent
            for node in root.children("Relationship") {
                guard let id = node.attribute("Id"), let type = node.attribute("Type"), let target = node.attribute("Target") else { continue }
                let external = node.attribute("TargetMode")?.lowercased() == "external"
                let rel = Relationship(
                    id: id,
                    type: String(type.split(separator: "/").last ?? ""),
                    target: target,
                    isExternal: external,
                    part: external ? nil : Self.resolve(target, from: base)
                )
                if byID[id] == nil { byID[id] = rel }
                ordered.append(rel)
            }
        }
        relationshipCache[part] = byID
        relationshipOrder[part] = ordered
    }

    /// `_rels/.rels` for the package, `ppt/slides/_rels/slide1.xml.rels` for a part.
    static func relationshipsPart(of part: String) -> String {
        guard !part.isEmpty else { return "_rels/.rels" }
        let ns = part as NSString
        let folder = ns.deletingLastPathComponent
        return (folder.isEmpty ? "" : folder + "/") + "_rels/" + ns.lastPathComponent + ".rels"
    }

    /// Resolves a relationship target against the folder of its source part; `nil` when it
    /// climbs above the package root.
    static func resolve(_ target: String, from folder: String) -> String? {
        let path = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? target
        let decoded = path.removingPercentEncoding ?? path
        var components: [Substring] = decoded.hasPrefix("/") ? [] : folder.split(separator: "/")
        for component in decoded.split(separator: "/") {
            switch component {
            case ".": continue
            case "..":
                guard !components.isEmpty else { return nil }
                components.removeLast()
            default: components.append(component)
            }
        }
        return components.isEmpty ? nil : components.joined(separator: "/")
    }

    // MARK: - Content types

    private func readContentTypes() throws(OOXMLError) {
        guard let entry = archive.entries.first(where: { $0.name.lowercased() == "[content_types].xml" }) else {
            throw .missingPart(part: "[Content_Types].xml", neededFor: "an Office Open XML package")
        }
        let document = try xml(entry.name)
        guard let root = document.root else { return }
        for node in root.elementChildren {
            switch node.name {
            case "Default":
                if let ext = node.attribute("Extension"), let type = node.attribute("ContentType") { defaults[ext.lowercased()] = type }
            case "Override":
                if let name = node.attribute("PartName"), let type = node.attribute("ContentType") {
                    let part = (name.hasPrefix("/") ? String(name.dropFirst()) : name)
                    overrides[(part.removingPercentEncoding ?? part).lowercased()] = type
                }
            default: break
            }
        }
    }

    // MARK: - Core properties

    /// Title and language from `docProps/core.xml` (found through the package relationships).
    func coreProperties() throws(OOXMLError) -> (title: String?, language: String?) {
        guard let part = try relationships(of: "").first(where: { $0.type == "core-properties" || $0.type == "metadata/core-properties" })?.part,
              let document = try optionalXML(part), let root = document.root else { return (nil, nil) }
        func value(_ name: String) -> String? {
            let text = root.firstChild(name).map(\.normalizedText) ?? ""
            return text.isEmpty ? nil : text
        }
        return (value("title"), value("language"))
    }
}

extension MarkupNode {
    /// A relationship-id attribute (`r:id`, `r:embed`) in the transitional or strict namespace.
    func relationshipAttribute(_ name: String) -> String? {
        attribute(name, namespaceURI: OOXMLNamespace.relationships)
            ?? attribute(name, namespaceURI: OOXMLNamespace.strictRelationships)
    }

    /// The first descendant element (depth first) with the local name `name`.
    func firstDescendant(_ name: String) -> MarkupNode? {
        for child in elementChildren {
            if child.name == name { return child }
            if let found = child.firstDescendant(name) { return found }
        }
        return nil
    }

    /// Every descendant element with the local name `name`, in document order.
    func descendants(_ name: String) -> [MarkupNode] {
        var result: [MarkupNode] = []
        collectDescendants(name, into: &result)
        return result
    }

    private func collectDescendants(_ name: String, into result: inout [MarkupNode]) {
        for child in elementChildren {
            if child.name == name { result.append(child) }
            child.collectDescendants(name, into: &result)
        }
    }

    /// The `val` attribute of the child `name` (`<w:pStyle w:val="Heading1"/>`).
    func childValue(_ name: String) -> String? {
        firstChild(name)?.attribute("val")
    }
}

enum OOXMLNamespace {
    static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let strictRelationships = "http://purl.oclc.org/ooxml/officeDocument/relationships"
}
