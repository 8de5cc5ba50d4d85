public import Markup

/// A .pptx or .docx, read.
public enum OfficeDocument: Sendable, Hashable {
    /// A PowerPoint presentation.
    case presentation(Presentation)
    /// A Word document.
    case word(WordDocument)

    /// `.pptx` or `.docx`.
    public var format: OfficeFormat {
        switch self {
        case .presentation: .pptx
        case .word: .docx
        }
    }

    /// The document as a page outline (see ``Presentation/outline(url:)`` and ``WordDocument/outline(url:)``).
    public func outline(url: String? = nil) -> PageOutline {
        switch self {
        case let .presentation(p): p.outline(url: url)
        case let .word(w): w.outline(url: url)
        }
    }
}

/// Reads an Office Open XML file whichever it is, .pptx or .docx, told apart by the content
/// type of the package's main part (not by the file name).
public struct OfficeReader: Sendable {
    /// Options for the package and every XML part: ``/Markup/ParseOptions/limits`` caps the ZIP package
    /// (entries, sizes, compression ratio) and each part; the defaults are the safe ones pages
    /// and feeds use.
    public var options: ParseOptions

    /// A reader with `options` (the safe defaults unless given).
    public init(options: ParseOptions = ParseOptions()) {
        self.options = options
    }

    /// Reads `bytes`; `url` is where the file is published (relative hyperlinks resolve against it).
    public func read(_ bytes: some Collection<UInt8>, url: String? = nil) throws(OOXMLError) -> OfficeDocument {
        let package = try OfficePackage(bytes: Array(bytes), options: options)
        let type = package.mainContentType
        if type.contains("presentationml") || type.contains("ms-powerpoint") {
            return .presentation(try PresentationReader(options: options).read(package, url: url))
        }
        if type.contains("wordprocessingml") || type.contains("ms-word") {
            return .word(try WordDocumentReader(options: options).read(package, url: url))
        }
        throw .wrongDocumentType(expected: "PowerPoint presentation or Word document", contentType: type)
    }

    /// Reads `bytes` into a page outline.
    public func outline(_ bytes: some Collection<UInt8>, url: String? = nil) throws(OOXMLError) -> PageOutline {
        try read(bytes, url: url).outline(url: url)
    }
}
