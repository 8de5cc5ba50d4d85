public import Markup

/// Why an Office file (.pptx, .docx) could not be read. Every case says what was wrong and in
/// which part of the package.
public enum OOXMLError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The bytes are not a ZIP archive at all.
    case notAZipArchive
    /// An OLE2 compound file: a legacy binary `.ppt`/`.doc`, not Office Open XML.
    case legacyBinaryFormat
    /// A password-protected Office file (an OLE2 container holding an `EncryptedPackage`).
    case passwordProtected
    /// The archive ends early: the central directory or an entry's data is cut off.
    case truncated(detail: String)
    /// A ZIP entry is encrypted (general-purpose flag bit 0 or 6).
    case encryptedEntry(part: String)
    /// An entry name is absolute, has a drive letter, or climbs out with `..`.
    case unsafeEntryName(String)
    /// Two entries have the same name (part names compare case-insensitively).
    case duplicateEntry(String)
    /// The package goes over one of the ``/Markup/ParseLimits``: its entry count, an entry's or the
    /// whole package's inflated size, or an entry's compression ratio (a zip bomb).
    case limitExceeded(LimitExceeded)
    /// An entry uses a compression method other than stored (0) or deflate (8).
    case unsupportedCompression(part: String, method: Int)
    /// A ZIP feature this reader does not take (split archives).
    case unsupportedArchive(reason: String)
    /// An entry's data does not match its header (CRC, size, or the deflate stream is broken).
    case corruptEntry(part: String, reason: String)
    /// A part the package needs is not in it.
    case missingPart(part: String, neededFor: String)
    /// The package is not the kind of Office document asked for (its main part's content type).
    case wrongDocumentType(expected: String, contentType: String)
    /// An XML part could not be parsed (with the same safe options as every other document).
    case malformedPart(part: String, error: MarkupError)

    /// What was wrong, and in which part of the package.
    public var description: String {
        switch self {
        case .notAZipArchive:
            "not an Office Open XML file: the bytes are not a ZIP archive"
        case .legacyBinaryFormat:
            "a legacy binary Office file (OLE2 .ppt/.doc), not Office Open XML: save it as .pptx or .docx"
        case .passwordProtected:
            "a password-protected Office file: its package is encrypted; remove the password to read it"
        case let .truncated(detail):
            "the package is truncated: \(detail)"
        case let .encryptedEntry(part):
            "\(part): the entry is encrypted; encrypted ZIP entries are not read"
        case let .unsafeEntryName(name):
            "unsafe entry name '\(name)': absolute paths and '..' are refused"
        case let .duplicateEntry(name):
            "the package has two entries named '\(name)'"
        case let .limitExceeded(exceeded):
            exceeded.description
        case let .unsupportedCompression(part, method):
            "\(part): compression method \(method) is not supported (only stored and deflate)"
        case let .unsupportedArchive(reason):
            "unsupported ZIP archive: \(reason)"
        case let .corruptEntry(part, reason):
            "\(part): corrupt entry: \(reason)"
        case let .missingPart(part, neededFor):
            "the package has no part '\(part)' (needed for \(neededFor))"
        case let .wrongDocumentType(expected, contentType):
            "not a \(expected): the main part's content type is '\(contentType)'"
        case let .malformedPart(part, error):
            "\(part): \(error)"
        }
    }
}
