public import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import RegionSupport

/// ``HTTPTransport`` over Foundation's `URLSession`.
///
/// Why URLSession and not AsyncHTTPClient: it ships with every Swift toolchain (on Linux as
/// FoundationNetworking over libcurl), so fetching adds nothing to the build — AsyncHTTPClient
/// would bring SwiftNIO and several minutes of clean build to every user's first build and every
/// CI run, on the 2-core machines this project is built on. What AsyncHTTPClient would give —
/// streaming with a size cap, manual redirects, no hidden cache — this type gets from a session
/// delegate: the body streams into a file while its SHA-256 is computed and its size checked,
/// redirects are handed back to the fetcher unfollowed, and the session has no URL cache and no
/// cookies. Content-Encoding (gzip, deflate) is decoded by the stack; the size cap applies to
/// the decoded bytes, so a compression bomb stops at the cap too.
public struct URLSessionTransport: HTTPTransport {
    /// A transport with a fresh ephemeral session per request.
    public init() {}

    /// Sends `request` with no redirects followed, no cache, no cookies; the body streams into `bodyFile`.
    public func send(_ request: TransportRequest, bodyFile: URL) async throws(TransportError) -> TransportResponse {
        // URLSession would read file:// (and other schemes) too; only HTTP is ours to send.
        guard let scheme = request.url.scheme?.lowercased(), scheme == "https" || scheme == "http" else {
            throw .other("\(request.url.absoluteString): not an http(s) URL")
        }
        guard FileManager.default.createFile(atPath: bodyFile.path, contents: nil),
              let handle = try? FileHandle(forWritingTo: bodyFile)
        else { throw .other("cannot create \(bodyFile.path)") }
        defer { try? handle.close() }

        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        // libcurl counts timeouts in whole seconds (0 would mean none): at least 1 s.
        let timeout = max(1, request.timeout.rounded(.up))
        configuration.timeoutIntervalForRequest = timeout
        // A server dripping a byte now and then never trips the idle timeout; this caps the whole.
        configuration.timeoutIntervalForResource = timeout * 4
        let delegate = StreamingDelegate(handle: handle, limit: request.maxBodyBytes)
        let session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }

        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = "GET"
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }

        let outcome = await withCheckedContinuation { continuation in
            delegate.start(continuation)
            session.dataTask(with: urlRequest).resume()
        }
        let result: Received
        switch outcome {
        case let .success(received): result = received
        case .failure(.timedOut): throw .timedOut(seconds: request.timeout)
        case let .failure(error): throw error
        }
        return TransportResponse(
            status: result.status, headers: result.headers, bodyFile: bodyFile,
            bodyBytes: result.bytes, sha256: result.sha256
        )
    }
}

private struct Received: Sendable {
    var status: Int
    var headers: [String: String]
    var bytes: Int
    var sha256: String
}

/// Receives one task's events on the session's serial delegate queue; the lock only guards the
/// hand-over of the continuation.
private final class StreamingDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let handle: FileHandle
    private let limit: Int
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Result<Received, TransportError>, Never>?
    private var hasher = SHA256.Hasher()
    private var bytes = 0
    private var response: HTTPURLResponse?
    private var failure: TransportError?

    init(handle: FileHandle, limit: Int) {
        self.handle = handle
        self.limit = limit
    }

    func start(_ continuation: CheckedContinuation<Result<Received, TransportError>, Never>) {
        lock.withLock { self.continuation = continuation }
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)  // the fetcher follows redirects itself
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
    ) {
        self.response = response as? HTTPURLResponse
        if let length = self.response.flatMap(Self.headers)?["content-length"].flatMap(Int.init), length > limit,
           self.response.flatMap(Self.headers)?["content-encoding"] == nil {
            failure = .tooLarge(limit: limit)
            completionHandler(.cancel)
            return
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        guard failure == nil else { return }
        guard bytes + data.count <= limit else {
            failure = .tooLarge(limit: limit)
            dataTask.cancel()
            return
        }
        do { try handle.write(contentsOf: data) } catch {
            failure = .other("cannot write the body: \(error.localizedDescription)")
            dataTask.cancel()
            return
        }
        hasher.update(data)
        bytes += data.count
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        let result: Result<Received, TransportError>
        if let failure {
            result = .failure(failure)
        } else if let error {
            result = .failure(Self.transportError(error, url: task.originalRequest?.url, received: bytes))
        } else if let response = response ?? task.response as? HTTPURLResponse {
            let headers = Self.headers(response)
            if headers["content-encoding"] == nil, let length = headers["content-length"].flatMap(Int.init), length != bytes,
               response.statusCode != 304, response.statusCode != 204 {
                result = .failure(.truncated(received: bytes, detail: "Content-Length says \(length)"))
            } else {
                do {
                    try handle.synchronize()
                    result = .success(Received(status: response.statusCode, headers: headers, bytes: bytes, sha256: hasher.hexDigest()))
                } catch {
                    result = .failure(.other("cannot write the body: \(error.localizedDescription)"))
                }
            }
        } else {
            result = .failure(.other("no HTTP response"))
        }
        let continuation = lock.withLock {
            defer { self.continuation = nil }
            return self.continuation
        }
        continuation?.resume(returning: result)
    }

    static func headers(_ response: HTTPURLResponse) -> [String: String] {
        var headers: [String: String] = [:]
        for (name, value) in response.allHeaderFields {
            guard let name = name as? String, let value = value as? String else { continue }
            let key = name.lowercased()
            headers[key] = headers[key].map { $0 + ", " + value } ?? value
        }
        return headers
    }

    static func transportError(_ error: any Error, url: URL?, received: Int) -> TransportError {
        let error = error as NSError
        let detail = error.userInfo[NSLocalizedDescriptionKey] as? String ?? error.localizedDescription
        let host = url?.host ?? "the server"
        switch error.code {
        case NSURLErrorTimedOut: return .timedOut(seconds: 0)
        case NSURLErrorCannotFindHost, NSURLErrorDNSLookupFailed, NSURLErrorNotConnectedToInternet:
            return .noNetwork(host: host, detail: detail)
        case NSURLErrorCannotConnectToHost, NSURLErrorNetworkConnectionLost:
            return received > 0 ? .truncated(received: received, detail: detail) : .connectionFailed(detail: detail)
        default:
            if detail.contains("transfer closed") || detail.contains("Connection reset") || detail.contains("end of file") {
                return .truncated(received: received, detail: detail)
            }
            if detail.contains("resolve host") || detail.contains("Could not resolve") {
                return .noNetwork(host: host, detail: detail)
            }
            if detail.contains("Connection refused") || detail.contains("Couldn't connect") {
                return .connectionFailed(detail: detail)
            }
            return .other("\(detail) (\(error.domain) \(error.code))")
        }
    }
}
