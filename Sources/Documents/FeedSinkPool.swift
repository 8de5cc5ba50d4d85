import Foundation

/// Event sinks (``FeedEventSink``, with their rules' names, captures and locator slots) kept
/// between documents, so that reading a small feed does not allocate and free the reader's
/// state each time: about 20 allocations of a feed of a few hundred bytes.
///
/// A sink is taken out for one read, by one thread, and given back after it
/// (``withSink(url:itemBudget:fieldBudget:maximumProblems:looksDeeperAfterErrors:_:)``): reads
/// on several threads at once each have their own. A sink is made as new when it is given back
/// (``FeedEventSink/restart()``), so that it holds nothing of a document while it waits but
/// names (at most ``FeedNames/keptNames``). Memory stays bounded: at most ``capacity`` sinks
/// wait, and a sink that keeps more than ``maximumRetainedBytes`` (after a document with a
/// large item) is dropped instead.
final class FeedSinkPool: @unchecked Sendable {
    // @unchecked Sendable: `sinks` is only touched with `lock` held, and a sink taken out is
    // used by the taker alone until given back.
    private let lock = NSLock()
    private var sinks: [FeedEventSink] = []

    /// The pool ``FeedReader`` uses.
    static let shared = FeedSinkPool()
    /// The most sinks that wait (about one per thread that reads feeds at a time).
    static let capacity = 8
    /// The most memory a waiting sink may keep.
    static let maximumRetainedBytes = 256 * 1024

    /// Runs `body` with a sink made as new for a document with these settings.
    func withSink<R>(
        url: String?, itemBudget: Int, fieldBudget: Int, maximumProblems: Int?, looksDeeperAfterErrors: Bool, _ body: (FeedEventSink) -> R
    ) -> R {
        let sink = take(url: url, itemBudget: itemBudget, fieldBudget: fieldBudget, maximumProblems: maximumProblems, looksDeeperAfterErrors: looksDeeperAfterErrors)
        let result = body(sink)
        give(sink)
        return result
    }

    /// A sink made as new for a document with these settings, a waiting one if there is one;
    /// the caller gives it back (``give(_:)``) when it is done with it, or drops it.
    func take(url: String?, itemBudget: Int, fieldBudget: Int, maximumProblems: Int?, looksDeeperAfterErrors: Bool) -> FeedEventSink {
        let waiting: FeedEventSink?
        do {
            lock.lock()
            defer { lock.unlock() }
            waiting = sinks.popLast()
        }
        if let waiting {
            // Restarted when it was given back: as new but for these.
            waiting.prepare(url: url, itemBudget: itemBudget, fieldBudget: fieldBudget, maximumProblems: maximumProblems, looksDeeperAfterErrors: looksDeeperAfterErrors)
            return waiting
        }
        let rules = FeedEventReader(url: url, itemBudget: itemBudget, fieldBudget: fieldBudget, maximumProblems: maximumProblems)
        return FeedEventSink(rules: rules, looksDeeperAfterErrors: looksDeeperAfterErrors)
    }

    /// Takes `sink` back (its caller no longer uses it): restarted, so that it keeps nothing of
    /// its document, and kept if there is room and it is small enough.
    func give(_ sink: FeedEventSink) {
        sink.restart()
        guard sink.retainedBytes <= Self.maximumRetainedBytes else { return }
        lock.lock()
        defer { lock.unlock() }
        if sinks.count < Self.capacity { sinks.append(sink) }
    }

    /// How many sinks wait.
    var waiting: Int {
        lock.lock()
        defer { lock.unlock() }
        return sinks.count
    }
}
