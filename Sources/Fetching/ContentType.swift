import Foundation

/// A `Content-Type` header value split into its media type and charset.
public struct ContentType: Sendable, Hashable {
    /// Lowercased, without parameters (`text/html`).
    public var mediaType: String
    /// The `charset` parameter as given (unquoted), if any.
    public var charset: String?

    /// A media type (lowercased) and charset as given.
    public init(mediaType: String, charset: String?) {
        self.mediaType = mediaType
        self.charset = charset
    }

    /// Parses `text/html; charset="ISO-8859-1"`; `nil` for an empty or malformed value.
    public init?(_ header: String) {
        let parts = header.split(separator: ";", omittingEmptySubsequences: false)
        let type = parts[0].trimmingCharacters(in: .whitespaces).lowercased()
        guard type.split(separator: "/").count == 2, !type.contains(" ") else { return nil }
        mediaType = type
        charset = nil
        for parameter in parts.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset" else { continue }
            var value = pair[1].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            if !value.isEmpty { charset = value }
        }
    }
}
