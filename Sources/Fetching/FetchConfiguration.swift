public import Foundation
import StrategyModel

/// How the fetcher behaves: who it says it is, how politely it asks, how long it waits, how
/// much it accepts.
public struct FetchConfiguration: Sendable, Hashable {
    /// The token `robots.txt` groups are matched against, and the start of the User-Agent.
    public static let productToken = Library.name

    /// A URL or e-mail address site owners can reach the person fetching at. Required: it goes
    /// into the User-Agent.
    public var contact: String
    /// Requests at once to one host.
    public var maxConcurrentPerHost: Int
    /// Seconds between the starts of two requests to one host (a longer `Crawl-delay` wins,
    /// up to `maxCrawlDelay`).
    public var minDelay: TimeInterval
    /// The longest `Crawl-delay` honoured; longer ones are cut to this.
    public var maxCrawlDelay: TimeInterval
    /// Redirect hops followed before giving up.
    public var maxRedirects: Int
    /// The most bytes one response body may have (after content decoding).
    public var maxBodyBytes: Int
    /// Seconds without progress before a request times out.
    public var timeout: TimeInterval
    /// When to try again and how long to wait.
    public var retry: RetryPolicy
    /// Plain `http://` is refused (a redirect to it too) except to loopback addresses; `true`
    /// allows it everywhere.
    public var allowInsecureHTTP: Bool

    /// A configuration; only `contact` has no default.
    public init(
        contact: String, maxConcurrentPerHost: Int = 2, minDelay: TimeInterval = 1, maxCrawlDelay: TimeInterval = 30,
        maxRedirects: Int = 5, maxBodyBytes: Int = 50 << 20, timeout: TimeInterval = 30, retry: RetryPolicy = RetryPolicy(),
        allowInsecureHTTP: Bool = false
    ) {
        self.contact = contact
        self.maxConcurrentPerHost = maxConcurrentPerHost
        self.minDelay = minDelay
        self.maxCrawlDelay = maxCrawlDelay
        self.maxRedirects = maxRedirects
        self.maxBodyBytes = maxBodyBytes
        self.timeout = timeout
        self.retry = retry
        self.allowInsecureHTTP = allowInsecureHTTP
    }

    /// `swift-regional-strategies/0.4.0 (+CONTACT; reads published regional development strategies for research)`.
    public var userAgent: String {
        "\(Self.productToken)/\(Library.version) (+\(contact); reads published regional development strategies for research)"
    }
}
