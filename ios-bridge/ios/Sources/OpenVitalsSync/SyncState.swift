import Foundation
import Security

/// What the phone keeps between launches: the paired desktop, the acknowledged anchor per type, and
/// the batch in flight (resent under the same id after a crash or a kill). The device token is not
/// here: it belongs in the Keychain (`TokenStore`).
public struct SyncState: Codable, Equatable, Sendable {
    public struct Desktop: Codable, Equatable, Sendable {
        public var hosts: [String]
        public var port: Int
        public var keyHash: String
        public var name: String

        public init(hosts: [String], port: Int, keyHash: String, name: String) {
            self.hosts = hosts
            self.port = port
            self.keyHash = keyHash
            self.name = name
        }
    }

    /// This phone's id as the desktop knows it (made once, kept across pairings).
    public var deviceId: String
    public var desktop: Desktop?
    /// Acknowledged anchors by HealthKit type identifier: only anchors the desktop committed.
    public var anchors: [String: String]
    /// A batch sent but not yet acknowledged, with its exact body.
    public var pending: BatchRequest?

    public init(deviceId: String = UUID().uuidString, desktop: Desktop? = nil,
                anchors: [String: String] = [:], pending: BatchRequest? = nil) {
        self.deviceId = deviceId
        self.desktop = desktop
        self.anchors = anchors
        self.pending = pending
    }
}

/// Keeps the `SyncState` in one JSON file, replaced atomically on every change.
public final class SyncStateStore: @unchecked Sendable {
    private let file: URL
    private let lock = NSLock()

    public init(file: URL) {
        self.file = file
    }

    /// `Application Support/OpenVitalsSync/state.json`.
    public static func standard() throws -> SyncStateStore {
        let folder = try FileManager.default
            .url(for: .applicationSupportDirectory, in: .userDomainMask, appropriateFor: nil, create: true)
            .appendingPathComponent("OpenVitalsSync", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return SyncStateStore(file: folder.appendingPathComponent("state.json"))
    }

    public func load() throws -> SyncState {
        lock.lock()
        defer { lock.unlock() }
        guard FileManager.default.fileExists(atPath: file.path) else { return SyncState() }
        return try WireJSON.decoder.decode(SyncState.self, from: Data(contentsOf: file))
    }

    /// Applies `change` to the stored state and writes it before returning.
    @discardableResult
    public func update(_ change: (inout SyncState) -> Void) throws -> SyncState {
        lock.lock()
        defer { lock.unlock() }
        var state = SyncState()
        if FileManager.default.fileExists(atPath: file.path) {
            state = try WireJSON.decoder.decode(SyncState.self, from: Data(contentsOf: file))
        }
        change(&state)
        var options: Data.WritingOptions = [.atomic]
        #if os(iOS)
        // Background delivery wakes the app while the phone is locked; the state must stay readable.
        options.insert(.completeFileProtectionUntilFirstUserAuthentication)
        #endif
        try WireJSON.encoder().encode(state).write(to: file, options: options)
        return state
    }
}

/// Where the device token lives.
public protocol TokenStore: Sendable {
    func token() throws -> String?
    func save(_ token: String) throws
    func remove() throws
}

/// The token in the Keychain, readable after the first unlock (background delivery).
public struct KeychainTokenStore: TokenStore {
    public let service: String

    public init(service: String = "org.openvitals.sync.device-token") {
        self.service = service
    }

    private var query: [CFString: Any] {
        [kSecClass: kSecClassGenericPassword, kSecAttrService: service, kSecAttrAccount: "desktop"]
    }

    public func token() throws -> String? {
        var q = query
        q[kSecReturnData] = true
        q[kSecMatchLimit] = kSecMatchLimitOne
        var item: CFTypeRef?
        let status = SecItemCopyMatching(q as CFDictionary, &item)
        if status == errSecItemNotFound { return nil }
        guard status == errSecSuccess, let data = item as? Data else { throw KeychainError(status: status) }
        return String(data: data, encoding: .utf8)
    }

    public func save(_ token: String) throws {
        try remove()
        var q = query
        q[kSecValueData] = Data(token.utf8)
        q[kSecAttrAccessible] = kSecAttrAccessibleAfterFirstUnlockThisDeviceOnly
        let status = SecItemAdd(q as CFDictionary, nil)
        guard status == errSecSuccess else { throw KeychainError(status: status) }
    }

    public func remove() throws {
        let status = SecItemDelete(query as CFDictionary)
        guard status == errSecSuccess || status == errSecItemNotFound else { throw KeychainError(status: status) }
    }
}

public struct KeychainError: Error, Equatable {
    public let status: OSStatus
}

/// A token kept in memory (tests, previews).
public final class MemoryTokenStore: TokenStore, @unchecked Sendable {
    private var value: String?
    private let lock = NSLock()

    public init(_ token: String? = nil) { value = token }

    public func token() throws -> String? { lock.withLock { value } }
    public func save(_ token: String) throws { lock.withLock { value = token } }
    public func remove() throws { lock.withLock { value = nil } }
}
