import Foundation

/// Politeness per host: at most `maxConcurrent` requests at once to one host, and starts at
/// least `minDelay` seconds apart (longer when the host's `robots.txt` asks for a crawl delay).
actor HostGate {
    private struct HostState {
        var active = 0
        var nextStart = ContinuousClock.now
        var delay: Duration
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    private let maxConcurrent: Int
    private let minDelay: Duration
    private var hosts: [String: HostState] = [:]

    init(maxConcurrent: Int, minDelay: TimeInterval) {
        self.maxConcurrent = max(1, maxConcurrent)
        self.minDelay = .milliseconds(Int(max(0, minDelay) * 1000))
    }

    /// Raises the delay between starts for `host` (a `Crawl-delay`), never below `minDelay`.
    func setDelay(_ seconds: TimeInterval, for host: String) {
        var state = hosts[host] ?? HostState(delay: minDelay)
        state.delay = max(minDelay, .milliseconds(Int(seconds * 1000)))
        hosts[host] = state
    }

    /// Runs `body` once a slot for `host` is free and the delay since the last start has passed.
    func run<T: Sendable, E: Error>(_ host: String, _ body: @Sendable () async throws(E) -> T) async throws(E) -> T {
        await acquire(host)
        defer { release(host) }
        return try await body()
    }

    private func acquire(_ host: String) async {
        while true {
            var state = hosts[host] ?? HostState(delay: minDelay)
            if state.active < maxConcurrent {
                let now = ContinuousClock.now
                if state.nextStart <= now {
                    state.active += 1
                    state.nextStart = now + state.delay
                    hosts[host] = state
                    return
                }
                // Reserve nothing while sleeping: whoever is first after the delay goes. A
                // cancelled task does not sleep, so it would spin: it goes at once instead.
                guard !Task.isCancelled else {
                    state.active += 1
                    hosts[host] = state
                    return
                }
                try? await Task.sleep(for: state.nextStart - now)
                continue
            }
            await withCheckedContinuation { continuation in
                hosts[host, default: HostState(delay: minDelay)].waiting.append(continuation)
            }
        }
    }

    private func release(_ host: String) {
        guard var state = hosts[host] else { return }
        state.active -= 1
        let next = state.waiting.isEmpty ? nil : state.waiting.removeFirst()
        hosts[host] = state
        next?.resume()
    }
}
