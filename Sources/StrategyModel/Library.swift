/// This library's name and version, as citations and the fetcher's User-Agent give them.
public enum Library {
    /// `swift-regional-strategies`.
    public static let name = "swift-regional-strategies"
    /// The version outputs cite (semantic versioning).
    public static let version = "0.4.0"
}
