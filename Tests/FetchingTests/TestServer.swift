import FlyingFox
import FlyingSocks
import Foundation

/// A real HTTP server on 127.0.0.1 (an ephemeral port) for the fetching tests. Routes are set
/// per test; every request is logged with its headers, start time and how many requests were
/// in flight, so tests can check politeness from the server's side. Nothing leaves loopback.
final class TestServer: Sendable {
    let server: HTTPServer
    let port: UInt16
    let log = RequestLog()
    private let task: Task<Void, any Error>

    private init(server: HTTPServer, port: UInt16, task: Task<Void, any Error>) {
        self.server = server
        self.port = port
        self.task = task
    }

    /// Starts a server with `routes` ("GET /path" → handler); unmatched paths answer 404.
    static func start(_ routes: [(String, @Sendable (HTTPRequest) async throws -> HTTPResponse)]) async throws -> TestServer {
        let server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: 0), timeout: 30, logger: .disabled)
        let task = Task { try await server.run() }
        try await server.waitUntilListening(timeout: 10)
        guard case let .ip4(_, port)? = await server.listeningAddress else { throw ServerError.noPort }
        let testServer = TestServer(server: server, port: port, task: task)
        for (route, handler) in routes {
            let log = testServer.log
            await server.appendRoute(HTTPRoute(stringLiteral: route)) { request in
                await log.begin(request)
                do {
                    let response = try await handler(request)
                    await log.end()
                    return response
                } catch {
                    await log.end()
                    throw error
                }
            }
        }
        return testServer
    }

    enum ServerError: Error { case noPort }

    /// `http://127.0.0.1:PORT/path`.
    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    func stop() async {
        await server.stop(timeout: 1)
        task.cancel()
    }
}

/// What the server saw.
actor RequestLog {
    struct Entry: Sendable {
        var path: String
        var headers: [String: String]
        var start: ContinuousClock.Instant
        var inFlight: Int
    }

    private(set) var entries: [Entry] = []
    private var inFlight = 0
    private(set) var maxInFlight = 0

    func begin(_ request: HTTPRequest) {
        inFlight += 1
        maxInFlight = Swift.max(maxInFlight, inFlight)
        var headers: [String: String] = [:]
        for (name, value) in request.headers { headers[name.rawValue.lowercased()] = value }
        entries.append(Entry(path: request.path, headers: headers, start: .now, inFlight: inFlight))
    }

    /// A handler returned its response (its body may still be streaming).
    func end() { inFlight -= 1 }

    func requests(to path: String) -> [Entry] { entries.filter { $0.path == path } }
}

/// A response body served in steps: chunks of bytes, pauses, and an optional failure that
/// makes the server drop the connection (a truncated body).
struct ScriptedBody: AsyncBufferedSequence, Sendable {
    typealias Element = UInt8

    enum Step: Sendable {
        case bytes([UInt8])
        case pause(milliseconds: Int)
        case dropConnection
    }

    var steps: [Step]

    func makeAsyncIterator() -> Iterator { Iterator(steps: steps[...]) }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var steps: ArraySlice<Step>
        var current: ArraySlice<UInt8> = []

        mutating func next() async throws -> UInt8? {
            try await nextBuffer(suggested: 1)?.first
        }

        mutating func nextBuffer(suggested count: Int) async throws -> ArraySlice<UInt8>? {
            while current.isEmpty {
                guard let step = steps.popFirst() else { return nil }
                switch step {
                case let .bytes(bytes): current = bytes[...]
                case let .pause(milliseconds): try await Task.sleep(for: .milliseconds(milliseconds))
                case .dropConnection: throw DroppedConnection()
                }
            }
            let chunk = current.prefix(Swift.max(1, count))
            current = current.dropFirst(chunk.count)
            return chunk
        }
    }

    struct DroppedConnection: Error {}
}

extension HTTPResponse {
    /// A 200 with `body` and the given headers.
    static func ok(_ body: String, _ headers: [String: String] = ["Content-Type": "text/html; charset=utf-8"]) -> HTTPResponse {
        ok(Array(body.utf8), headers)
    }

    static func ok(_ body: [UInt8], _ headers: [String: String]) -> HTTPResponse {
        HTTPResponse(statusCode: .ok, headers: httpHeaders(headers), body: Data(body))
    }

    static func status(_ code: Int, _ headers: [String: String] = [:]) -> HTTPResponse {
        HTTPResponse(statusCode: HTTPStatusCode(code, phrase: "Status \(code)"), headers: httpHeaders(headers))
    }

    /// A body streamed in steps; `length` is announced as Content-Length (or chunked when nil).
    static func scripted(_ steps: [ScriptedBody.Step], length: Int?, _ headers: [String: String] = ["Content-Type": "text/html"]) -> HTTPResponse {
        let body = ScriptedBody(steps: steps)
        let sequence = length.map { HTTPBodySequence(from: body, count: $0, suggestedBufferSize: 16 * 1024) }
            ?? HTTPBodySequence(from: body, suggestedBufferSize: 16 * 1024)
        return HTTPResponse(statusCode: .ok, headers: httpHeaders(headers), body: sequence)
    }

    static func httpHeaders(_ headers: [String: String]) -> HTTPHeaders {
        var result = HTTPHeaders()
        for (name, value) in headers { result[HTTPHeader(name)] = value }
        return result
    }
}
