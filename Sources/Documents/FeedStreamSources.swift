import Foundation

extension FeedStream {
    /// Reads the feed in the file at `path` chunk by chunk, calling `body` with each item as
    /// soon as it is read; returns the feed's own fields. Memory does not grow with the file.
    ///
    /// - Parameters:
    ///   - path: the file to read.
    ///   - url: where the feed is published; relative links resolve against it.
    ///   - charset: the transport charset, if one is known.
    ///   - options: the reader's caps and options (``FeedStream/Options``).
    ///   - chunkSize: bytes read at a time. Default 256 KiB.
    ///   - body: called with each item, in document order; an error it throws ends the reading.
    public static func readFile(
        atPath path: String, url: String? = nil, charset: String? = nil, options: Options = Options(),
        chunkSize: Int = 1 << 18, _ body: (FeedItem) throws -> Void
    ) throws -> FeedStreamSummary {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path])
        }
        defer { try? handle.close() }
        return try FeedStreamState.reading(url: url, charset: charset, options: options) { stream in
            var next = try nextChunk(of: handle, size: chunkSize)
            while let data = next.take() {
                // While the parser has not started no item can come before the next chunk: it is
                // read first, so that the last one is known as the last (see `finish(lastChunk:)`).
                if stream.holdsEveryByte {
                    next = try nextChunk(of: handle, size: chunkSize)
                    try hand(next == nil ? try stream.finish(lastChunk: data) : try stream.consume(data), to: body)
                } else {
                    try hand(try stream.consume(data), to: body)
                    next = try nextChunk(of: handle, size: chunkSize)
                }
            }
            try hand(try stream.finish(), to: body)
        }
    }

    /// The next chunk of the file, `nil` at its end.
    private static func nextChunk(of handle: FileHandle, size: Int) throws -> Data? {
        guard let data = try handle.read(upToCount: max(1, size)), !data.isEmpty else { return nil }
        return data
    }

    // Inlinable: specialised for the caller's sequence and chunk types. Generic across the
    // module boundary, each document paid about 1.8k instructions of metadata look-ups and
    // value witnesses (the optional chunk, the iterator, the slices).
    /// Reads a feed from a sequence of byte chunks, calling `body` with each item as soon as it
    /// is read; returns the feed's own fields.
    ///
    /// Until the parser starts (the first bytes decide the encoding, and no item can come
    /// before), the next chunk is asked for before the one in hand is read, so that a feed that
    /// ends within those first bytes is parsed whole at once; from then on each chunk is read
    /// as it comes.
    @inlinable
    public static func read<Chunks: Sequence>(
        chunks: Chunks, url: String? = nil, charset: String? = nil, options: Options = Options(),
        _ body: (FeedItem) throws -> Void
    ) throws -> FeedStreamSummary where Chunks.Element: Collection<UInt8> {
        // Read with a state from the pool, without a FeedStream of its own.
        try FeedStreamState.reading(url: url, charset: charset, options: options) { stream in
            var iterator = chunks.makeIterator()
            var next = iterator.next()
            // Moved out of `next` (no copy of each chunk).
            while let chunk = next.take() {
                // While the parser has not started no item can come before the next chunk: it is
                // asked for first, so that the last one is known as the last (see `finish(lastChunk:)`).
                if stream.holdsEveryByte {
                    next = iterator.next()
                    try hand(next == nil ? try stream.finish(lastChunk: chunk) : try stream.consume(chunk), to: body)
                } else {
                    try hand(try stream.consume(chunk), to: body)
                    next = iterator.next()
                }
            }
            try hand(try stream.finish(), to: body)
        }
    }

    /// Calls `body` with each item in order, moving it out of the array (no copy of each item).
    @usableFromInline
    static func hand(_ items: consuming [FeedItem], to body: (FeedItem) throws -> Void) throws {
        var items = items
        // Reversed in the buffer, where elements are swapped by moving them: `Array.reverse()`
        // copied each item once (a retain and a release of every field) and destroyed the copy.
        items.withUnsafeMutableBufferPointer { $0.reverse() }
        while let item = items.popLast() { try body(item) }
    }

    /// The items of a feed whose bytes arrive as an asynchronous sequence of chunks (a
    /// download, a pipe), one at a time, in constant memory.
    ///
    /// ```swift
    /// for try await item in FeedStream.items(in: chunks, url: feedURL) { … }
    /// ```
    public static func items<Chunks: AsyncSequence>(
        in chunks: Chunks, url: String? = nil, charset: String? = nil, options: Options = Options()
    ) -> FeedItemSequence<Chunks> where Chunks.Element: Collection<UInt8> {
        FeedItemSequence(chunks: chunks, url: url, charset: charset, options: options)
    }
}

extension FeedStreamSummary {
    /// What the readers of a whole feed return when no root element was read.
    static let empty = FeedStreamSummary(feed: Feed(format: .rss20, title: nil, link: nil, subtitle: nil, language: nil, updated: nil, items: [], problems: []), itemCount: 0)
}

/// The items of a feed read from an asynchronous sequence of byte chunks; see
/// ``FeedStream/items(in:url:charset:options:)``.
public struct FeedItemSequence<Chunks: AsyncSequence>: AsyncSequence where Chunks.Element: Collection<UInt8> {
    /// The items, in document order.
    public typealias Element = FeedItem

    let chunks: Chunks
    let url: String?
    let charset: String?
    let options: FeedStream.Options

    /// A new reading of the chunks: a fresh ``FeedStream``.
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(chunks: chunks.makeAsyncIterator(), stream: FeedStream(url: url, charset: charset, options: options))
    }

    /// Reads chunks as items are asked for.
    public struct AsyncIterator: AsyncIteratorProtocol {
        var chunks: Chunks.AsyncIterator
        let stream: FeedStream
        var ready: [FeedItem] = []
        var index = 0
        var done = false

        /// The next item; `nil` at the end of the feed. Throws ``FeedStreamError`` or the chunks' error.
        public mutating func next() async throws -> FeedItem? {
            while index == ready.count {
                guard !done else { return nil }
                index = 0
                if let chunk = try await chunks.next() {
                    ready = try stream.consume(chunk)
                } else {
                    ready = try stream.finish()
                    done = true
                }
            }
            defer { index += 1 }
            return ready[index]
        }
    }
}
