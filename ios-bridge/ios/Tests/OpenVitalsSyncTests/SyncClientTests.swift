import Foundation
import XCTest
@testable import OpenVitalsSync

/// The client and `PhoneSync` over a scripted transport: what they send, how they retry, what they
/// keep. The desktop's side of the same exchanges runs in the Java tests over the same vectors.
final class SyncClientTests: XCTestCase {
    private let token = "dGhpcyBpcyBub3QgYSByZWFsIHRva2VuIGJ1dCA0Mw0"
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func client(retry: RetryPolicy = RetryPolicy(maxAttempts: 3)) -> SyncClient {
        SyncClient(hosts: ["192.168.1.20"], port: 8787, keyHash: "unAJjF-J5r5lAd-rG0e5Ntuwo_Nyovxyf0hlE3L12Kg",
                   tokens: MemoryTokenStore(token), retry: retry,
                   configuration: ScriptedProtocol.configuration(), sleep: { _ in })
    }

    private func phoneSync(_ client: SyncClient) -> PhoneSync {
        PhoneSync(client: client, state: SyncStateStore(file: folder.appendingPathComponent("state.json")))
    }

    private static func json(_ object: Any) throws -> Data { try Vectors.data(object) }

    /// batches-basic.json, replayed: the client sends the vector's exact body with the token, and
    /// reads the desktop's answers and anchors.
    func testTheBasicExchangeFromThePhonesSide() throws {
        let file = Vectors.folder.appendingPathComponent("exchanges/batches-basic.json")
        let exchange = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        let steps = try XCTUnwrap(exchange["steps"] as? [[String: Any]])
        ScriptedProtocol.reset(try steps.map { step -> ScriptedProtocol.Answer in
            let response = try XCTUnwrap(step["response"] as? [String: Any])
            return ScriptedProtocol.Answer(status: response["status"] as! Int, body: try Self.json(response["body"]!))
        })
        let c = client()
        let expectation = expectation(description: "exchange")
        Task {
            defer { expectation.fulfill() }
            do {
                var answers: [BatchAnswer] = []
                for step in steps.dropLast() {
                    let body = try Self.json((step["request"] as! [String: Any])["body"]!)
                    answers.append(try await c.upload(body))
                }
                let anchors = try await c.anchors()
                XCTAssertEqual(answers.map(\.replayed), [false, true])
                XCTAssertEqual(answers[0].acknowledgedAnchor, answers[1].acknowledgedAnchor)
                XCTAssertEqual(anchors["HKQuantityTypeIdentifierStepCount"], answers[0].acknowledgedAnchor)
            } catch {
                XCTFail("\(error)")
            }
        }
        wait(for: [expectation], timeout: 10)

        let seen = ScriptedProtocol.seen
        XCTAssertEqual(seen.map(\.path), ["/v1/batches", "/v1/batches", "/v1/anchors"])
        XCTAssertEqual(Set(seen.map(\.authorization)), ["Bearer \(token)"])
        let firstBody = try Self.json((steps[0]["request"] as! [String: Any])["body"]!)
        XCTAssertTrue(try Vectors.sameJSON(seen[0].body, firstBody))
    }

    /// A lost answer (503) is retried under the same batch id; only the acknowledged anchor is kept.
    func testARetryResendsTheSameBatchAndKeepsOnlyTheAcknowledgedAnchor() throws {
        let sync = phoneSync(client())
        let sample = WireSample(uuid: "00000000-0000-4000-8000-000000000001", type: "HKQuantityTypeIdentifierStepCount",
                                start: "2024-03-01T09:00:00+01:00", end: "2024-03-01T09:10:00+01:00",
                                source: WireSource(name: "iPhone"), value: 120, unit: "count")
        let answer: [String: Any] = [
            "batch_id": "", "type": "HKQuantityTypeIdentifierStepCount", "acknowledged_anchor": "QU5DSE9SLTE=",
            "received": 1, "stored": 1, "deleted": 0, "unknown_types": [String: Int](), "rejected": [Any](),
            "replayed": false,
        ]
        ScriptedProtocol.reset([
            .init(status: 503, body: try Self.json(["error": "internal_error", "message": "down"])),
            .init(status: 429, headers: ["Retry-After": "2"], body: try Self.json(["error": "rate_limited", "message": "slow"])),
            .init(status: 200, body: try Self.json(answer)),
        ])
        let done = expectation(description: "send")
        Task {
            defer { done.fulfill() }
            do {
                let a = try await sync.send(type: "HKQuantityTypeIdentifierStepCount", anchor: "QU5DSE9SLTE=",
                                            samples: [sample], deleted: [])
                XCTAssertEqual(a.acknowledgedAnchor, "QU5DSE9SLTE=")
            } catch {
                XCTFail("\(error)")
            }
        }
        wait(for: [done], timeout: 10)

        let bodies = ScriptedProtocol.seen.map(\.body)
        XCTAssertEqual(bodies.count, 3)
        XCTAssertEqual(Set(bodies).count, 1, "every attempt sends the same batch, id included")
        let state = try sync.state.load()
        XCTAssertEqual(state.anchors["HKQuantityTypeIdentifierStepCount"], "QU5DSE9SLTE=")
        XCTAssertNil(state.pending)
    }

    /// When retries run out the batch stays pending and the anchor unchanged; the next run resends
    /// exactly that batch before anything else.
    func testAnUnansweredBatchStaysPendingAndIsResentFirst() throws {
        let sync = phoneSync(client(retry: RetryPolicy(maxAttempts: 2)))
        let down = ScriptedProtocol.Answer(status: 503, body: try Self.json(["error": "internal_error", "message": "down"]))
        ScriptedProtocol.reset([down, down])
        let failed = expectation(description: "failed")
        Task {
            defer { failed.fulfill() }
            do {
                _ = try await sync.send(type: "HKQuantityTypeIdentifierStepCount", anchor: "QU5DSE9SLTI=",
                                        samples: [], deleted: [UUID()])
                XCTFail("no answer, no success")
            } catch {
                XCTAssertEqual(error as? SyncError, .unavailable(lastStatus: 503))
            }
        }
        wait(for: [failed], timeout: 10)
        let pending = try XCTUnwrap(try sync.state.load().pending)
        XCTAssertNil(try sync.state.load().anchors["HKQuantityTypeIdentifierStepCount"])

        let answer: [String: Any] = [
            "batch_id": pending.batchId, "type": pending.type, "acknowledged_anchor": pending.anchor,
            "received": 0, "stored": 0, "deleted": 1, "unknown_types": [String: Int](), "rejected": [Any](),
            "replayed": false,
        ]
        ScriptedProtocol.reset([.init(status: 200, body: try Self.json(answer))])
        let resent = expectation(description: "resent")
        Task {
            defer { resent.fulfill() }
            do { _ = try await sync.resendPending() } catch { XCTFail("\(error)") }
        }
        wait(for: [resent], timeout: 10)

        let sent = try WireJSON.decoder.decode(BatchRequest.self, from: ScriptedProtocol.seen[0].body)
        XCTAssertEqual(sent, pending)
        XCTAssertNil(try sync.state.load().pending)
        XCTAssertEqual(try sync.state.load().anchors[pending.type], pending.anchor)
    }

    /// The error answers of errors.json end the exchange with what the phone must do.
    func testErrorAnswersMapToWhatThePhoneMustDo() throws {
        let cases: [(Int, String, SyncError)] = [
            (401, "unauthorized", .unauthorized),
            (413, "too_many_samples", .tooLarge(code: "too_many_samples")),
            (413, "payload_too_large", .tooLarge(code: "payload_too_large")),
        ]
        for (status, code, expected) in cases {
            ScriptedProtocol.reset([.init(status: status, body: try Self.json(["error": code, "message": "m"]))])
            let done = expectation(description: code)
            let c = client()
            Task {
                defer { done.fulfill() }
                do {
                    _ = try await c.upload(Data("{}".utf8))
                    XCTFail(code)
                } catch {
                    XCTAssertEqual(error as? SyncError, expected, code)
                }
            }
            wait(for: [done], timeout: 10)
            XCTAssertEqual(ScriptedProtocol.seen.count, 1, "\(code) is not retried")
        }
    }
}

final class BatchBuilderAndRetryTests: XCTestCase {
    private func sample(_ n: Int, metadata: [String: String]? = nil) -> WireSample {
        WireSample(uuid: String(format: "00000000-0000-4000-8000-%012d", n), type: "HKQuantityTypeIdentifierHeartRate",
                   start: "2024-03-01T08:00:00+01:00", end: "2024-03-01T08:00:00+01:00",
                   source: WireSource(name: "Apple Watch"), metadata: metadata, value: 60, unit: "count/min")
    }

    func testABatchWithinTheLimitsIsBuiltWithLowercaseIds() throws {
        let id = UUID()
        let (request, body) = try BatchBuilder().batch(type: "HKQuantityTypeIdentifierHeartRate", anchor: "QQ==",
                                                       samples: [sample(1)], deleted: [id])
        XCTAssertEqual(request.deleted, [id.uuidString.lowercased()])
        XCTAssertEqual(request.batchId, request.batchId.lowercased())
        XCTAssertEqual(try WireJSON.decoder.decode(BatchRequest.self, from: body), request)
    }

    func testTooManySamplesOrBytesAskForASmallerPage() {
        let builder = BatchBuilder(maxSamples: 3, maxBytes: 2_000)
        XCTAssertThrowsError(try builder.batch(type: "T", anchor: "QQ==", samples: (1...4).map { sample($0) }, deleted: [])) {
            XCTAssertEqual($0 as? BatchBuilder.Failure, .tooLarge(retryWithLimit: 3))
        }
        let big = ["note": String(repeating: "x", count: 900)]
        XCTAssertThrowsError(try builder.batch(type: "T", anchor: "QQ==", samples: (1...3).map { sample($0, metadata: big) }, deleted: [])) {
            guard case .tooLarge(let limit) = $0 as? BatchBuilder.Failure else { return XCTFail("\($0)") }
            XCTAssertLessThan(limit, 3)
            XCTAssertGreaterThanOrEqual(limit, 1)
        }
    }

    func testBackoffGrowsIsCappedHonoursRetryAfterAndEnds() {
        let policy = RetryPolicy(maxAttempts: 4, baseDelay: 1, maxDelay: 3)
        XCTAssertEqual(policy.delay(afterAttempt: 1, retryAfter: nil, jitter: 1), 1)
        XCTAssertEqual(policy.delay(afterAttempt: 2, retryAfter: nil, jitter: 1), 2)
        XCTAssertEqual(policy.delay(afterAttempt: 3, retryAfter: nil, jitter: 1), 3)
        XCTAssertEqual(policy.delay(afterAttempt: 1, retryAfter: 2.5, jitter: 1), 2.5)
        XCTAssertNil(policy.delay(afterAttempt: 4, retryAfter: nil, jitter: 1))
        XCTAssertTrue(RetryPolicy.isRetryable(status: 503))
        XCTAssertFalse(RetryPolicy.isRetryable(status: 401))
        XCTAssertFalse(RetryPolicy.isRetryable(URLError(.cancelled)), "a wrong pin is final")
    }
}
