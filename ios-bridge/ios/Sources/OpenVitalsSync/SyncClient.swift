import Foundation

/// The desktop's answers that end an exchange, by what the phone must do about them.
public enum SyncError: Error, Equatable {
    /// 401: the device was revoked or never paired; pair again.
    case unauthorized
    /// The pairing secret was refused (unknown, expired, used) or the person said no.
    case pairingRefused(code: String)
    /// 413: the batch is too large; build smaller ones.
    case tooLarge(code: String)
    /// Another 4xx: a bug on one side; the message names the field.
    case rejected(ErrorAnswer)
    /// Retries ran out; the batch stays pending and is resent later under the same id.
    case unavailable(lastStatus: Int?)
    /// No address of the desktop answered.
    case noReachableAddress
}

/// The protocol v1 client: one paired desktop, its pinned key, the device token.
/// All calls are async and retried by `RetryPolicy`; a pinned key that does not match ends the
/// call at the TLS handshake (`URLError.cancelled`), never retried.
public final class SyncClient: @unchecked Sendable {
    private let baseURLs: [URL]
    private let session: URLSession
    private let tokens: TokenStore
    private let retry: RetryPolicy
    private let sleep: @Sendable (TimeInterval) async throws -> Void
    private var preferred = 0
    private let lock = NSLock()

    /// - Parameters:
    ///   - configuration: the session's configuration (tests add a `URLProtocol` here)
    ///   - sleep: how to wait between attempts (tests pass one that returns at once)
    public init(
        hosts: [String], port: Int, keyHash: String, tokens: TokenStore,
        retry: RetryPolicy = RetryPolicy(),
        configuration: URLSessionConfiguration = .ephemeral,
        sleep: @escaping @Sendable (TimeInterval) async throws -> Void = { try await Task.sleep(nanoseconds: UInt64($0 * 1e9)) }
    ) {
        self.baseURLs = hosts.compactMap { URL(string: "https://\($0):\(port)") }
        let pin = Base64URL.decode(keyHash) ?? Data()
        configuration.timeoutIntervalForRequest = 60
        self.session = URLSession(configuration: configuration, delegate: PinnedSessionDelegate(keyHash: pin), delegateQueue: nil)
        self.tokens = tokens
        self.retry = retry
        self.sleep = sleep
    }

    public convenience init(payload: PairingPayload, tokens: TokenStore, configuration: URLSessionConfiguration = .ephemeral) {
        self.init(hosts: payload.hosts, port: payload.port, keyHash: payload.keyHash, tokens: tokens, configuration: configuration)
    }

    // MARK: pairing

    /// `POST /v1/pair`: redeems the payload's secret. The desktop then shows the comparison code
    /// (`ComparisonCode`) and asks the person; poll `completePairing` until it answers.
    public func pair(_ request: PairRequest) async throws -> PairPending {
        let (status, data) = try await send("POST", "/v1/pair", body: try WireJSON.encoder().encode(request), auth: false)
        guard status == 202 || status == 200 else { throw failure(status, data) }
        return try WireJSON.decoder.decode(PairPending.self, from: data)
    }

    /// `POST /v1/pair/complete`: nil while the person has not answered yet; the token (already
    /// saved in the token store) once they allowed it.
    public func completePairing(pairingId: String) async throws -> PairApproved? {
        let body = try WireJSON.encoder().encode(PairCompleteRequest(pairingId: pairingId))
        let (status, data) = try await send("POST", "/v1/pair/complete", body: body, auth: false)
        if status == 202 { return nil }
        guard status == 200 else { throw failure(status, data) }
        let approved = try WireJSON.decoder.decode(PairApproved.self, from: data)
        try tokens.save(approved.deviceToken)
        return approved
    }

    // MARK: data

    /// `POST /v1/batches` with a body made by `BatchBuilder`.
    public func upload(_ body: Data) async throws -> BatchAnswer {
        let (status, data) = try await send("POST", "/v1/batches", body: body, auth: true)
        guard status == 200 else { throw failure(status, data) }
        return try WireJSON.decoder.decode(BatchAnswer.self, from: data)
    }

    /// `GET /v1/anchors`: the acknowledged anchor per type, to resume after a reinstall.
    public func anchors() async throws -> [String: String] {
        let (status, data) = try await send("GET", "/v1/anchors", body: nil, auth: true)
        guard status == 200 else { throw failure(status, data) }
        return try WireJSON.decoder.decode(AnchorsAnswer.self, from: data).anchors
    }

    /// `POST /v1/resync`: the desktop forgets this device's anchors; send everything again.
    public func resync() async throws -> [String] {
        let (status, data) = try await send("POST", "/v1/resync", body: Data("{}".utf8), auth: true)
        guard status == 200 else { throw failure(status, data) }
        return try WireJSON.decoder.decode(ResyncAnswer.self, from: data).cleared
    }

    // MARK: exchange

    private func failure(_ status: Int, _ data: Data) -> Error {
        let answer = (try? WireJSON.decoder.decode(ErrorAnswer.self, from: data))
            ?? ErrorAnswer(error: "http_\(status)", message: "HTTP \(status)")
        switch status {
        case 401: return SyncError.unauthorized
        case 413: return SyncError.tooLarge(code: answer.error)
        case 403 where answer.error.hasPrefix("pairing_"), 410 where answer.error.hasPrefix("pairing_"),
             404 where answer.error.hasPrefix("pairing_"):
            return SyncError.pairingRefused(code: answer.error)
        default:
            return RetryPolicy.isRetryable(status: status) ? SyncError.unavailable(lastStatus: status) : SyncError.rejected(answer)
        }
    }

    /// Sends one request, trying each address of the desktop and retrying as the policy says.
    private func send(_ method: String, _ path: String, body: Data?, auth: Bool) async throws -> (Int, Data) {
        var attempt = 0
        var lastStatus: Int?
        while true {
            attempt += 1
            var retryAfter: TimeInterval?
            do {
                let (status, data, headers) = try await sendOnce(method, path, body: body, auth: auth)
                if !RetryPolicy.isRetryable(status: status) { return (status, data) }
                lastStatus = status
                if let header = headers["Retry-After"], let seconds = TimeInterval(header) {
                    retryAfter = seconds
                } else if let answer = try? WireJSON.decoder.decode(ErrorAnswer.self, from: data), let seconds = answer.retryAfter {
                    retryAfter = TimeInterval(seconds)
                }
            } catch SyncError.noReachableAddress {
                lastStatus = nil
            }
            guard let wait = retry.delay(afterAttempt: attempt, retryAfter: retryAfter) else {
                if let lastStatus { throw SyncError.unavailable(lastStatus: lastStatus) }
                throw SyncError.noReachableAddress
            }
            try await self.sleep(wait)
        }
    }

    /// One attempt: the address that answered last first, then the others.
    private func sendOnce(_ method: String, _ path: String, body: Data?, auth: Bool) async throws -> (Int, Data, [String: String]) {
        let token = auth ? try tokens.token() : nil
        if auth && token == nil { throw SyncError.unauthorized }
        let start = lock.withLock { preferred }
        for offset in 0..<baseURLs.count {
            let index = (start + offset) % baseURLs.count
            var request = URLRequest(url: baseURLs[index].appendingPathComponent(path))
            request.httpMethod = method
            request.httpBody = body
            if body != nil { request.setValue("application/json", forHTTPHeaderField: "Content-Type") }
            if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
            do {
                let (data, response) = try await session.data(for: request)
                guard let http = response as? HTTPURLResponse else { continue }
                lock.withLock { preferred = index }
                var headers: [String: String] = [:]
                for (key, value) in http.allHeaderFields {
                    if let k = key as? String, let v = value as? String { headers[k] = v }
                }
                return (http.statusCode, data, headers)
            } catch {
                // A wrong pin or a cancellation is final; an unreachable address tries the next.
                if !RetryPolicy.isRetryable(error) { throw error }
            }
        }
        throw SyncError.noReachableAddress
    }
}
