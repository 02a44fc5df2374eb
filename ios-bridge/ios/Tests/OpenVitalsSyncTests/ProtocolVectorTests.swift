import CryptoKit
import Foundation
import XCTest
@testable import OpenVitalsSync

/// Every shared vector the phone side can check: pairing payloads, comparison codes, request bodies,
/// sample forms, and the bodies of every exchange.
final class ProtocolVectorTests: XCTestCase {

    func testValidPairingPayloadsParseToTheirFields() throws {
        let valid = try XCTUnwrap(try Vectors.object("pairing-payloads.json")["valid"] as? [[String: Any]])
        XCTAssertFalse(valid.isEmpty)
        for v in valid {
            let name = v["name"] as? String ?? "?"
            let expect = try XCTUnwrap(v["expect"] as? [String: Any], name)
            let parsed = try PairingPayload.parse(try XCTUnwrap(v["payload"] as? String))
            XCTAssertEqual(parsed.hosts, expect["hosts"] as? [String], name)
            XCTAssertEqual(parsed.port, expect["port"] as? Int, name)
            XCTAssertEqual(parsed.keyHash, expect["key_hash"] as? String, name)
            XCTAssertEqual(parsed.secret, expect["secret"] as? String, name)
            XCTAssertEqual(parsed.name, expect["name"] as? String, name)
        }
    }

    func testInvalidPairingPayloadsAreRefusedForTheirReason() throws {
        let invalid = try XCTUnwrap(try Vectors.object("pairing-payloads.json")["invalid"] as? [[String: Any]])
        XCTAssertFalse(invalid.isEmpty)
        for v in invalid {
            let name = v["name"] as? String ?? "?"
            XCTAssertThrowsError(try PairingPayload.parse(try XCTUnwrap(v["payload"] as? String)), name) { error in
                XCTAssertEqual((error as? PairingPayload.Failure)?.rawValue, v["reason"] as? String, name)
            }
        }
    }

    func testComparisonCodesMatchTheDesktops() throws {
        let vectors = try XCTUnwrap(try Vectors.object("comparison-codes.json")["vectors"] as? [[String: String]])
        XCTAssertFalse(vectors.isEmpty)
        for v in vectors {
            XCTAssertEqual(
                ComparisonCode.code(keyHash: v["key_hash"]!, phoneNonce: v["phone_nonce"]!, desktopNonce: v["desktop_nonce"]!),
                v["code"])
        }
    }

    func testValidRequestBodiesRoundTripThroughTheWireModels() throws {
        let vectors = try XCTUnwrap(try Vectors.object("requests.json")["vectors"] as? [[String: Any]])
        var checked = 0
        for v in vectors where v["valid"] as? Bool == true {
            let name = v["name"] as? String ?? "?"
            switch v["schema"] as? String {
            case "BatchRequest": try Vectors.assertRoundTrip(BatchRequest.self, v["body"]!, name)
            case "PairRequest": try Vectors.assertRoundTrip(PairRequest.self, v["body"]!, name)
            case "Error": try Vectors.assertRoundTrip(ErrorAnswer.self, v["body"]!, name)
            default: continue
            }
            checked += 1
        }
        XCTAssertGreaterThanOrEqual(checked, 5)
    }

    func testEverySampleFormRoundTrips() throws {
        let forms = try Vectors.object("samples.json")
        var checked = 0
        for (name, json) in forms where name != "description" {
            try Vectors.assertRoundTrip(WireSample.self, json, name)
            checked += 1
        }
        XCTAssertGreaterThanOrEqual(checked, 5)
    }

    /// Each batch the exchanges send is one the phone's models produce byte for byte (as JSON).
    func testEveryExchangedBatchRoundTrips() throws {
        var checked = 0
        for file in try Vectors.exchangeFiles() {
            let exchange = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
            for step in exchange["steps"] as? [[String: Any]] ?? [] {
                guard let request = step["request"] as? [String: Any],
                      request["path"] as? String == "/v1/batches",
                      request["method"] as? String == "POST",
                      let body = request["body"] as? [String: Any],
                      let response = step["response"] as? [String: Any],
                      response["status"] as? Int == 200
                else { continue }
                try Vectors.assertRoundTrip(BatchRequest.self, body, file.lastPathComponent)
                checked += 1
            }
        }
        XCTAssertGreaterThanOrEqual(checked, 5)
    }

    /// The pin the desktop prints (`k`) is the SHA-256 of the key's SubjectPublicKeyInfo; the phone
    /// computes the same from the key Security hands it.
    func testThePinIsTheSha256OfTheSubjectPublicKeyInfo() throws {
        let key = P256.Signing.PrivateKey().publicKey
        let expected = Data(SHA256.hash(data: key.derRepresentation))
        let attributes: [CFString: Any] = [
            kSecAttrKeyType: kSecAttrKeyTypeECSECPrimeRandom,
            kSecAttrKeyClass: kSecAttrKeyClassPublic,
            kSecAttrKeySizeInBits: 256,
        ]
        let secKey = try XCTUnwrap(SecKeyCreateWithData(key.x963Representation as CFData, attributes as CFDictionary, nil))

        XCTAssertEqual(PinnedSessionDelegate.spkiHash(of: secKey), expected)
        let other = P256.Signing.PrivateKey().publicKey
        XCTAssertNotEqual(Data(SHA256.hash(data: other.derRepresentation)), expected)
    }
}
