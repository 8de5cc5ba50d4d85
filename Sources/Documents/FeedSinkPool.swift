import Foundation
import Markup

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
///
/// Streams (``FeedStream``) take a state of their own (``FeedStreamState``: a sink, an XML
/// reader, and the push parser context it keeps in an ``XMLPushContextCache``, reset), kept
/// apart from the sinks above by the same rules: at most ``capacity`` wait, and one whose sink
/// keeps more than ``maximumRetainedBytes`` is dropped. In one thread a stream gets the state,
/// and so the context, the last one had (and the name indices lent with it stay valid: they
/// are kept for one names table and emptied for another).
final class FeedSinkPool: @unchecked Sendable {
    // @unchecked Sendable: `sinks` and `streams` are only touched with `lock` held, and
    // what is taken out is used by the taker alone until given back.
    private let lock = NSLock()
    // Touched only with `lock` held: no runtime exclusivity checks besides.
    @exclusivity(unchecked) private var sinks: [FeedEventSink] = []
    @exclusivity(unchecked) private var streams: [FeedStreamState] = []

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
        // Locked and unlocked around a call that cannot fail, without a defer: through a defer
        // the sink taken out was retained and released around the unlock.
        lock.lock()
        let waiting = sinks.popLast()
        lock.unlock()
        return ready(waiting, url: url, itemBudget: itemBudget, fieldBudget: fieldBudget, maximumProblems: maximumProblems, looksDeeperAfterErrors: looksDeeperAfterErrors)
    }

    /// `waiting` prepared for a document with these settings, or a new sink.
    private func ready(
        _ waiting: FeedEventSink?, url: String?, itemBudget: Int, fieldBudget: Int, maximumProblems: Int?, looksDeeperAfterErrors: Bool
    ) -> FeedEventSink {
        if let waiting {
            // Restarted when it was given back: as new but for these.
            waiting.prepare(url: url, itemBudget: itemBudget, fieldBudget: fieldBudget, maximumProblems: maximumProblems, looksDeeperAfterErrors: looksDeeperAfterErrors)
            return waiting
        }
        let rules = FeedEventReader(url: url, itemBudget: itemBudget, fieldBudget: fieldBudget, maximumProblems: maximumProblems)
        return FeedEventSink(rules: rules, looksDeeperAfterErrors: looksDeeperAfterErrors)
    }

    /// A stream's state (see ``FeedStreamState``) made as new for a stream with these
    /// settings, a waiting one if there is one; the caller gives it back
    /// (``give(stream:)``) when the stream is over, or drops it.
    func takeStream(url: String?, charset: String?, options: FeedStream.Options) -> FeedStreamState {
        // As in `take`: no defer around the unlock.
        lock.lock()
        let waiting = streams.popLast()
        lock.unlock()
        guard let waiting else { return FeedStreamState(url: url, charset: charset, options: options) }
        waiting.start(url: url, charset: charset, options: options)
        return waiting
    }

    /// Takes `sink` back (its caller no longer uses it): restarted, so that it keeps nothing of
    /// its document, and kept if there is room and it is small enough.
    /// Consuming: the caller's reference is moved into the pool, not retained and then released.
    func give(_ sink: consuming FeedEventSink) {
        sink.restart()
        let keepsSink = sink.retainedBytes <= Self.maximumRetainedBytes
        lock.lock()
        if keepsSink, sinks.count < Self.capacity { sinks.append(sink) }
        lock.unlock()
    }

    /// Takes a stream's state back: its stream ended (``FeedStreamState/end()``), and it is
    /// kept if there is room and it is small enough.
    func give(stream: consuming FeedStreamState) {
        stream.end()
        let keeps = stream.retainedBytes <= Self.maximumRetainedBytes
        lock.lock()
        if keeps, streams.count < Self.capacity { streams.append(stream) }
        lock.unlock()
    }

    /// How many sinks wait.
    var waiting: Int {
        lock.lock()
        defer { lock.unlock() }
        return sinks.count
    }

    /// How many streams' states wait.
    var waitingStreams: Int {
        lock.lock()
        defer { lock.unlock() }
        return streams.count
    }
}
