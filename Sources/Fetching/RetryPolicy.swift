public import Foundation

/// When and how long to wait before trying a request again.
///
/// Retried: timeouts and dropped connections, 429 and 5xx (honouring `Retry-After`). Never
/// retried: other 4xx, redirects, bodies over the size cap, unresolvable hosts.
public struct RetryPolicy: Sendable, Hashable {
    /// Tries in all, the first included.
    public var maxAttempts: Int
    /// The wait before the first retry; each later one doubles it.
    public var baseDelay: TimeInterval
    /// No computed wait is longer than this.
    public var maxDelay: TimeInterval
    /// A `Retry-After` longer than this fails the request instead of waiting that long.
    public var maxRetryAfter: TimeInterval

    /// A policy; the defaults are 4 tries from 1 s doubling to at most 30 s, and `Retry-After` up to 120 s.
    public init(maxAttempts: Int = 4, baseDelay: TimeInterval = 1, maxDelay: TimeInterval = 30, maxRetryAfter: TimeInterval = 120) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
    }

    /// The wait after failed attempt `attempt` (1 for the first): exponential backoff with
    /// "equal jitter", between half and all of `min(maxDelay, baseDelay × 2^(attempt−1))`, so
    /// clients that failed together do not come back together. `random` is in `0..<1`.
    public func backoff(afterAttempt attempt: Int, random: Double) -> TimeInterval {
        let exponential = min(maxDelay, baseDelay * pow(2, Double(max(0, attempt - 1))))
        return exponential / 2 + exponential / 2 * min(max(random, 0), 1)
    }

    /// Whether a response with `status` is worth another try.
    public static func isRetryable(status: Int) -> Bool {
        status == 429 || (500...599).contains(status)
    }

    /// The seconds a `Retry-After` value asks for: delta-seconds (`120`) or an HTTP-date
    /// (`Wed, 21 Oct 2015 07:28:00 GMT`, counted from `now`); `nil` when unreadable.
    public static func retryAfter(_ value: String, now: Date = Date()) -> TimeInterval? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(trimmed) { return seconds >= 0 ? TimeInterval(seconds) : nil }
        guard let date = HTTPDate.parse(trimmed) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }
}

/// HTTP dates (RFC 9110 §5.6.7): IMF-fixdate, and the obsolete RFC 850 and asctime forms.
enum HTTPDate {
    static func parse(_ value: String) -> Date? {
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let date = formatter.date(from: value) { return date }
        }
        return nil
    }

    static func format(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }
}
