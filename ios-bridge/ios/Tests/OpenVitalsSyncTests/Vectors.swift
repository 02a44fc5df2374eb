import Foundation
import XCTest
@testable import OpenVitalsSync

/// The shared test vectors in ios-bridge/spec/vectors, which the desktop's Java tests run too.
enum Vectors {
    static let folder: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent() // OpenVitalsSyncTests
        .deletingLastPathComponent() // Tests
        .deletingLastPathComponent() // ios
        .deletingLastPathComponent() // ios-bridge
        .appendingPathComponent("spec/vectors", isDirectory: true)

    static func object(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: folder.appendingPathComponent(name))
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any], name)
    }

    static func exchangeFiles() throws -> [URL] {
        try FileManager.default
            .contentsOfDirectory(at: folder.appendingPathComponent("exchanges"), includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    static func data(_ json: Any) throws -> Data {
        try JSONSerialization.data(withJSONObject: json, options: [.fragmentsAllowed])
    }

    /// Whether two JSON texts hold the same value (numbers compared by value: 62 equals 62.0).
    static func sameJSON(_ a: Data, _ b: Data) throws -> Bool {
        let x = try JSONSerialization.jsonObject(with: a, options: [.fragmentsAllowed]) as AnyObject
        let y = try JSONSerialization.jsonObject(with: b, options: [.fragmentsAllowed]) as AnyObject
        return x.isEqual(y)
    }

    /// Decodes a vector's JSON value as `T`, encodes it again and checks nothing was lost or added.
    static func assertRoundTrip<T: Codable>(_ type: T.Type, _ json: Any, _ name: String,
                                             file: StaticString = #filePath, line: UInt = #line) throws {
        let original = try data(json)
        let decoded = try WireJSON.decoder.decode(T.self, from: original)
        let again = try WireJSON.encoder().encode(decoded)
        XCTAssertTrue(try sameJSON(original, again),
                      "\(name): \(String(decoding: again, as: UTF8.self))", file: file, line: line)
    }
}


/// A `URLProtocol` that answers from a script, so the client runs its real code paths (headers,
/// bodies, retries) without a network.
final class ScriptedProtocol: URLProtocol {
    struct Answer {
        var status: Int
        var headers: [String: String] = [:]
        var body: Data = Data()
    }

    struct Seen {
        var method: String
        var path: String
        var authorization: String?
        var body: Data
    }

    static var answers: [Answer] = []
    static var seen: [Seen] = []
    static let lock = NSLock()

    static func reset(_ script: [Answer]) {
        lock.withLock {
            answers = script
            seen = []
        }
    }

    static func configuration() -> URLSessionConfiguration {
        let c = URLSessionConfiguration.ephemeral
        c.protocolClasses = [ScriptedProtocol.self]
        return c
    }

    override class func canInit(with request: URLRequest) -> Bool { true }
    override class func canonicalRequest(for request: URLRequest) -> URLRequest { request }

    override func startLoading() {
        var body = request.httpBody ?? Data()
        if body.isEmpty, let stream = request.httpBodyStream {
            // URLSession hands a URLProtocol the body as a stream.
            stream.open()
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while stream.hasBytesAvailable {
                let n = stream.read(&buffer, maxLength: buffer.count)
                if n <= 0 { break }
                body.append(buffer, count: n)
            }
            stream.close()
        }
        let answer: Answer? = Self.lock.withLock {
            Self.seen.append(Seen(method: request.httpMethod ?? "GET", path: request.url?.path ?? "",
                                  authorization: request.value(forHTTPHeaderField: "Authorization"), body: body))
            return Self.answers.isEmpty ? nil : Self.answers.removeFirst()
        }
        guard let answer, let url = request.url else {
            client?.urlProtocol(self, didFailWithError: URLError(.cannotConnectToHost))
            return
        }
        let response = HTTPURLResponse(url: url, statusCode: answer.status, httpVersion: "HTTP/1.1",
                                       headerFields: answer.headers.merging(["Content-Type": "application/json"]) { a, _ in a })!
        client?.urlProtocol(self, didReceive: response, cacheStoragePolicy: .notAllowed)
        client?.urlProtocol(self, didLoad: answer.body)
        client?.urlProtocolDidFinishLoading(self)
    }

    override func stopLoading() {}
}
