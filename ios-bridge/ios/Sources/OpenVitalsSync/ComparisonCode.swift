import CryptoKit
import Foundation

/// The 6-digit code the desktop and the phone both show while pairing, so the person can see that
/// no one sits in between: SHA-256 over "openvitals-pair-v1", the key hash, the phone's nonce and
/// the desktop's nonce; the first 4 bytes as an unsigned big-endian number, modulo 1,000,000.
public enum ComparisonCode {
    public static func code(keyHash: Data, phoneNonce: Data, desktopNonce: Data) -> String {
        var hasher = SHA256()
        hasher.update(data: Data("openvitals-pair-v1".utf8))
        hasher.update(data: keyHash)
        hasher.update(data: phoneNonce)
        hasher.update(data: desktopNonce)
        let digest = Array(hasher.finalize())
        let number = digest[0..<4].reduce(UInt32(0)) { ($0 << 8) | UInt32($1) }
        return String(format: "%06u", number % 1_000_000)
    }

    /// The same from the base64url forms the protocol carries; nil when one does not decode.
    public static func code(keyHash: String, phoneNonce: String, desktopNonce: String) -> String? {
        guard let k = Base64URL.decode(keyHash), let p = Base64URL.decode(phoneNonce),
              let d = Base64URL.decode(desktopNonce)
        else { return nil }
        return code(keyHash: k, phoneNonce: p, desktopNonce: d)
    }
}
