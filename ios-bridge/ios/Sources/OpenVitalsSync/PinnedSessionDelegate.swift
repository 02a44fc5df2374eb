import CryptoKit
import Foundation
import Security

/// Trusts exactly one server key: the desktop's self-signed certificate is accepted when the
/// SHA-256 of its SubjectPublicKeyInfo equals the pin from the pairing payload (`k`), and refused
/// otherwise. No certificate authority is involved, and a host-name check would add nothing (the
/// desktop is reached by LAN address), so the key is the desktop's whole identity.
public final class PinnedSessionDelegate: NSObject, URLSessionDelegate, @unchecked Sendable {
    private let pinnedKeyHash: Data

    /// - Parameter keyHash: the payload's `k`, SHA-256 of the desktop's SPKI (32 bytes).
    public init(keyHash: Data) {
        self.pinnedKeyHash = keyHash
    }

    public convenience init?(payload: PairingPayload) {
        guard let hash = Base64URL.decode(payload.keyHash) else { return nil }
        self.init(keyHash: hash)
    }

    public func urlSession(
        _ session: URLSession,
        didReceive challenge: URLAuthenticationChallenge,
        completionHandler: @escaping (URLSession.AuthChallengeDisposition, URLCredential?) -> Void
    ) {
        guard challenge.protectionSpace.authenticationMethod == NSURLAuthenticationMethodServerTrust,
              let trust = challenge.protectionSpace.serverTrust,
              let hash = Self.leafKeyHash(trust),
              hash == pinnedKeyHash
        else {
            completionHandler(.cancelAuthenticationChallenge, nil)
            return
        }
        completionHandler(.useCredential, URLCredential(trust: trust))
    }

    /// SHA-256 of the leaf certificate's SubjectPublicKeyInfo, or nil for a key it cannot read.
    static func leafKeyHash(_ trust: SecTrust) -> Data? {
        guard let chain = SecTrustCopyCertificateChain(trust) as? [SecCertificate],
              let leaf = chain.first,
              let key = SecCertificateCopyKey(leaf)
        else { return nil }
        return spkiHash(of: key)
    }

    /// SHA-256 of a public key's SubjectPublicKeyInfo (DER). Security hands out an EC key as the
    /// bare X9.63 point, so the fixed SPKI header of its curve is put in front of it.
    public static func spkiHash(of key: SecKey) -> Data? {
        guard let attributes = SecKeyCopyAttributes(key) as? [String: Any],
              let type = attributes[kSecAttrKeyType as String] as? String,
              type == (kSecAttrKeyTypeECSECPrimeRandom as String),
              let bits = attributes[kSecAttrKeySizeInBits as String] as? Int,
              let raw = SecKeyCopyExternalRepresentation(key, nil) as Data?
        else { return nil }
        guard let header = ecHeaders[bits] else { return nil }
        return Data(SHA256.hash(data: header + raw))
    }

    /// SPKI DER prefixes (SEQUENCE, AlgorithmIdentifier id-ecPublicKey + curve, BIT STRING) of the
    /// NIST curves, by key size; the desktop's key is P-256.
    static let ecHeaders: [Int: Data] = [
        256: Data([
            0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01, 0x06, 0x08,
            0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00,
        ]),
        384: Data([
            0x30, 0x76, 0x30, 0x10, 0x06, 0x07, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01, 0x06, 0x05,
            0x2B, 0x81, 0x04, 0x00, 0x22, 0x03, 0x62, 0x00,
        ]),
    ]
}
