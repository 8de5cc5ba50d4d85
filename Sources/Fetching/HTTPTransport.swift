public import Foundation

/// One HTTP GET as the fetcher sends it: no redirects followed (the fetcher follows them itself,
/// so it can count hops, detect loops, refuse downgrades to plain HTTP and ask `robots.txt` for
/// every hop), no transport-level cache.
public struct TransportRequest: Sendable, Hashable {
    /// The URL to get.
    public var url: URL
    /// Request headers (User-Agent, Accept, validators).
    public var headers: [String: String]
    /// Seconds without progress before the request fails with ``TransportError/timedOut(seconds:)``
    /// (whole seconds, at least 1: libcurl's resolution on Linux); the whole request may take four times that.
    public var timeout: TimeInterval
    /// The most body bytes (after content decoding) to accept; more fails with
    /// ``TransportError/tooLarge(limit:)``.
    public var maxBodyBytes: Int

    /// A request; the defaults are 30 s and 50 MB.
    public init(url: URL, headers: [String: String] = [:], timeout: TimeInterval = 30, maxBodyBytes: Int = 50 << 20) {
        self.url = url
        self.headers = headers
        self.timeout = timeout
        self.maxBodyBytes = maxBodyBytes
    }
}

/// What came back: the status line and headers, and the body in a file the caller owns.
public struct TransportResponse: Sendable {
    /// The HTTP status code.
    public var status: Int
    /// Header names lowercased; repeated headers joined with ", ".
    public var headers: [String: String]
    /// The file holding the body (empty for 304 and redirects). The caller moves or deletes it.
    public var bodyFile: URL
    /// How many body bytes were written.
    public var bodyBytes: Int
    /// SHA-256 of the body, computed as it was written.
    public var sha256: String

    /// A response whose body is in `bodyFile`.
    public init(status: Int, headers: [String: String], bodyFile: URL, bodyBytes: Int, sha256: String) {
        self.status = status
        self.headers = headers
        self.bodyFile = bodyFile
        self.bodyBytes = bodyBytes
        self.sha256 = sha256
    }

    /// The value of header `name` (any case).
    public func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// Why a request got no complete response.
public enum TransportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No progress within the timeout.
    case timedOut(seconds: TimeInterval)
    /// The host name does not resolve, or the machine is offline.
    case noNetwork(host: String, detail: String)
    /// The connection was refused or reset.
    case connectionFailed(detail: String)
    /// The body ended before its announced length (a dropped connection).
    case truncated(received: Int, detail: String)
    /// The body grew past the cap (checked as it arrives, and on `Content-Length` up front).
    case tooLarge(limit: Int)
    /// Anything else the HTTP stack reported.
    case other(String)

    /// One line saying what went wrong.
    public var description: String {
        switch self {
        case let .timedOut(seconds): "no response within \(Int(seconds)) s"
        case let .noNetwork(host, detail): "cannot reach \(host): \(detail)"
        case let .connectionFailed(detail): "connection failed: \(detail)"
        case let .truncated(received, detail): "body cut off after \(received) bytes: \(detail)"
        case let .tooLarge(limit): "body larger than the \(limit)-byte limit"
        case let .other(detail): detail
        }
    }

    /// Worth trying again: timeouts and dropped or refused connections.
    public var isTransient: Bool {
        switch self {
        case .timedOut, .connectionFailed, .truncated: true
        case .noNetwork, .tooLarge, .other: false
        }
    }
}

/// Sends one request and writes the body to `bodyFile` as it arrives.
public protocol HTTPTransport: Sendable {
    /// Sends `request`, streaming the body into `bodyFile`; throws when no complete response came.
    func send(_ request: TransportRequest, bodyFile: URL) async throws(TransportError) -> TransportResponse
}
