/// This library's name and version, as citations and the fetcher's User-Agent give them.
public enum Library {
    public static let name = "swift-regional-strategies"
    public static let version = "0.4.0"
}
