import Foundation

/// When to try a request again: network failures, 5xx answers and 429 (after its Retry-After),
/// with exponential backoff and jitter, a bounded number of times. A batch is always resent under
/// its own batch id, so a retry after a lost answer stores nothing twice.
public struct RetryPolicy: Sendable {
    public var maxAttempts: Int
    public var baseDelay: TimeInterval
    public var maxDelay: TimeInterval

    public init(maxAttempts: Int = 6, baseDelay: TimeInterval = 1, maxDelay: TimeInterval = 60) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// The wait before attempt `attempt + 1` (attempt counts from 1), or nil to give up.
    /// - Parameter retryAfter: what the desktop asked for (429), which wins when given.
    public func delay(afterAttempt attempt: Int, retryAfter: TimeInterval?,
                      jitter: Double = Double.random(in: 0.5...1.0)) -> TimeInterval? {
        guard attempt < maxAttempts else { return nil }
        if let retryAfter { return min(max(retryAfter, 0), maxDelay) }
        let exponential = baseDelay * pow(2, Double(attempt - 1))
        return min(exponential, maxDelay) * jitter
    }

    /// Whether a failed exchange may succeed if tried again.
    public static func isRetryable(status: Int) -> Bool {
        status == 429 || status == 408 || (500...599).contains(status)
    }

    public static func isRetryable(_ error: Error) -> Bool {
        guard let urlError = error as? URLError else { return false }
        switch urlError.code {
        case .timedOut, .networkConnectionLost, .notConnectedToInternet, .cannotConnectToHost,
             .cannotFindHost, .dnsLookupFailed, .resourceUnavailable:
            return true
        default:
            // Certificate errors (a wrong pin) and cancellations are final.
            return false
        }
    }
}
