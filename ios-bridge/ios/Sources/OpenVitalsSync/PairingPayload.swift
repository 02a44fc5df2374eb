import Foundation

/// The pairing payload the desktop shows as a QR code and as text:
/// `openvitals-pair:v1?h=<addresses>&p=<port>&k=<base64url SPKI SHA-256>&s=<secret>&n=<name>`.
/// Parameters may come in any order; values are percent-encoded (RFC 3986).
public struct PairingPayload: Equatable, Sendable {
    /// IPv4 addresses, IPv6 addresses in brackets, or host names, in the desktop's order.
    public let hosts: [String]
    public let port: Int
    /// SHA-256 of the desktop certificate's SubjectPublicKeyInfo, base64url without padding: the pin.
    public let keyHash: String
    /// The one-time pairing secret (128 bits, base64url).
    public let secret: String
    /// The desktop's name, for the person.
    public let name: String

    public static let scheme = "openvitals-pair"

    /// Why a payload was refused; the raw values are the reason codes of the shared vectors.
    public enum Failure: String, Error, Equatable {
        case notAPairingPayload = "not_a_pairing_payload"
        case unsupportedVersion = "unsupported_version"
        case missingH = "missing_h"
        case missingK = "missing_k"
        case missingN = "missing_n"
        case badK = "bad_k"
        case badP = "bad_p"
        case badS = "bad_s"
        case repeatedP = "repeated_p"
    }

    public init(hosts: [String], port: Int, keyHash: String, secret: String, name: String) {
        self.hosts = hosts
        self.port = port
        self.keyHash = keyHash
        self.secret = secret
        self.name = name
    }

    /// Parses a payload read from a QR code or pasted as text.
    public static func parse(_ text: String) throws -> PairingPayload {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let prefix = scheme + ":"
        guard trimmed.hasPrefix(prefix) else { throw Failure.notAPairingPayload }
        let rest = trimmed.dropFirst(prefix.count)
        guard let question = rest.firstIndex(of: "?") else { throw Failure.notAPairingPayload }
        guard rest[rest.startIndex..<question] == "v1" else { throw Failure.unsupportedVersion }

        var values: [String: String] = [:]
        for pair in rest[rest.index(after: question)...].split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(parts[0])
            let raw = parts.count > 1 ? String(parts[1]) : ""
            guard let value = raw.removingPercentEncoding else { throw Failure.notAPairingPayload }
            if values[key] != nil {
                // A repeated parameter could smuggle a second port or key past a lenient reader.
                if let repeated = Failure(rawValue: "repeated_" + key) { throw repeated }
                throw Failure.notAPairingPayload
            }
            values[key] = value
        }

        guard let h = values["h"], !h.isEmpty else { throw Failure.missingH }
        guard let p = values["p"] else { throw Failure.badP }
        guard let port = Int(p), (1...65535).contains(port), String(port) == p else { throw Failure.badP }
        guard let k = values["k"] else { throw Failure.missingK }
        guard Base64URL.decode(k)?.count == 32 else { throw Failure.badK }
        guard let s = values["s"], Base64URL.decode(s)?.count == 16 else { throw Failure.badS }
        guard let n = values["n"], !n.isEmpty else { throw Failure.missingN }

        let hosts = h.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !hosts.isEmpty else { throw Failure.missingH }
        return PairingPayload(hosts: hosts, port: port, keyHash: k, secret: s, name: n)
    }

    /// The base URLs to try, in the desktop's order.
    public var baseURLs: [URL] {
        hosts.compactMap { URL(string: "https://\($0):\(port)") }
    }
}

/// Base64url without padding (RFC 4648 section 5), as every binary value of the protocol is written.
public enum Base64URL {
    public static func encode(_ data: Data) -> String {
        data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The bytes, or nil when the text is not base64url without padding.
    public static func decode(_ text: String) -> Data? {
        guard text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }),
              text.count % 4 != 1
        else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }
}
