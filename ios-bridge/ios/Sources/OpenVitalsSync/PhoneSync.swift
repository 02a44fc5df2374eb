import Foundation

/// Sends query pages to the desktop so that nothing is lost or doubled: each batch is saved as
/// pending before it is sent, resent under the same batch id until the desktop answers, and only the
/// anchor the desktop acknowledged (committed with the samples) is saved as the type's anchor.
public final class PhoneSync: @unchecked Sendable {
    public let client: SyncClient
    public let state: SyncStateStore
    public let builder: BatchBuilder

    public init(client: SyncClient, state: SyncStateStore, builder: BatchBuilder = BatchBuilder()) {
        self.client = client
        self.state = state
        self.builder = builder
    }

    /// The anchor to start a type's query from: the acknowledged one, or nil for everything.
    public func anchor(for type: String) throws -> String? {
        try state.load().anchors[type]
    }

    /// Sends the batch left pending by an earlier run, if any. Call before querying HealthKit.
    @discardableResult
    public func resendPending() async throws -> BatchAnswer? {
        guard let pending = try state.load().pending else { return nil }
        return try await deliver(pending, body: try WireJSON.encoder().encode(pending))
    }

    /// Sends one page of an anchored query and saves its acknowledged anchor.
    /// - Throws: `BatchBuilder.Failure.tooLarge` (query again with fewer objects), `SyncError`.
    @discardableResult
    public func send(type: String, anchor: String, samples: [WireSample], deleted: [UUID]) async throws -> BatchAnswer {
        if try state.load().pending != nil {
            try await resendPending()
        }
        let (request, body) = try builder.batch(type: type, anchor: anchor, samples: samples, deleted: deleted)
        try state.update { $0.pending = request }
        return try await deliver(request, body: body)
    }

    /// After a reinstall (no local anchors) or to check: take the desktop's anchors.
    public func adoptDesktopAnchors() async throws {
        let anchors = try await client.anchors()
        try state.update { $0.anchors = anchors }
    }

    /// Asks the desktop for a full resync and forgets the local anchors.
    public func startResync() async throws {
        _ = try await client.resync()
        try state.update { $0.anchors = [:] }
    }

    private func deliver(_ request: BatchRequest, body: Data) async throws -> BatchAnswer {
        let answer = try await client.upload(body)
        try state.update { s in
            s.anchors[answer.type] = answer.acknowledgedAnchor
            if s.pending?.batchId == request.batchId { s.pending = nil }
        }
        return answer
    }
}
