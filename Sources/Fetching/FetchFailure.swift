/// Why a URL could not be fetched; each case says what and where.
public enum FetchFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// Not an absolute `http(s)` URL.
    case badURL(String)
    /// Plain HTTP, `file://` or another scheme where HTTPS is required (a redirect included).
    case insecure(url: String)
    /// The host's `robots.txt` disallows the path for our User-Agent.
    case disallowedByRobots(url: String)
    /// `robots.txt` could not be read (5xx, or no connection): RFC 9309 says assume "disallow all".
    case robotsUnreachable(url: String, reason: String)
    /// A redirect led back to a URL already in the chain.
    case redirectLoop(chain: [String])
    /// More than `limit` redirects.
    case tooManyRedirects(limit: Int, chain: [String])
    /// A 3xx without a `Location` that makes a URL.
    case redirectWithoutLocation(url: String, status: Int)
    /// A status that gives no content (404, 410, 403, …), after any retries.
    case status(Int, url: String)
    /// The server asked to come back later than the retry policy waits.
    case retryAfterTooLong(url: String, seconds: Double, limit: Double)
    /// No complete response (timeout, dropped or refused connection, too large, no network).
    case transport(url: String, TransportError)
    /// A 304 for a URL the cache has no copy of.
    case notModifiedWithoutCopy(url: String)
    /// The cache could not be written or read.
    case cache(CacheError)

    /// One line: what failed and where.
    public var description: String {
        switch self {
        case let .badURL(url): "\(url): not a valid http(s) URL"
        case let .insecure(url): "\(url): refused (only https:// URLs are fetched)"
        case let .disallowedByRobots(url): "\(url): disallowed by robots.txt"
        case let .robotsUnreachable(url, reason): "\(url): robots.txt unreachable (\(reason)), so nothing on that host is fetched"
        case let .redirectLoop(chain): "redirect loop: \(chain.joined(separator: " -> "))"
        case let .tooManyRedirects(limit, chain): "more than \(limit) redirects: \(chain.joined(separator: " -> "))"
        case let .redirectWithoutLocation(url, status): "\(url): \(status) redirect without a usable Location"
        case let .status(status, url): "\(url): HTTP \(status)"
        case let .retryAfterTooLong(url, seconds, limit):
            "\(url): the server asks to retry after \(Int(seconds)) s, longer than the \(Int(limit)) s limit"
        case let .transport(url, error): "\(url): \(error)"
        case let .notModifiedWithoutCopy(url): "\(url): 304 Not Modified, but the cache has no copy"
        case let .cache(error): error.description
        }
    }

    /// The machine has no network (or DNS): the one-line "no network" message applies.
    public var isNoNetwork: Bool {
        if case .transport(_, .noNetwork) = self { return true }
        return false
    }
}
