import Foundation

/// Builds `POST /v1/batches` bodies within the desktop's limits (at most 10,000 samples and 8 MiB a
/// body). One batch is one page of an anchored query: the HealthKit adapter asks for at most
/// `maxSamples` objects, and the anchor HealthKit returns after that page is the batch's anchor, so
/// acknowledging a batch never skips samples of a later page.
public struct BatchBuilder: Sendable {
    public static let protocolMaxSamples = 10_000
    public static let protocolMaxBytes = 8 * 1024 * 1024

    public let maxSamples: Int
    public let maxBytes: Int

    public enum Failure: Error, Equatable {
        /// The page does not fit in one body: query again with at most `retryWithLimit` objects.
        case tooLarge(retryWithLimit: Int)
        /// A single object is larger than a body may be (a route of a very long workout).
        case objectTooLarge(uuid: String)
    }

    public init(maxSamples: Int = protocolMaxSamples, maxBytes: Int = protocolMaxBytes) {
        self.maxSamples = min(maxSamples, Self.protocolMaxSamples)
        self.maxBytes = min(maxBytes, Self.protocolMaxBytes)
    }

    /// The batch of one query page, under a new batch id.
    public func batch(type: String, anchor: String, samples: [WireSample], deleted: [UUID],
                      batchId: UUID = UUID()) throws -> (request: BatchRequest, body: Data) {
        let request = BatchRequest(
            batchId: batchId.uuidString.lowercased(),
            type: type,
            anchor: anchor,
            samples: samples,
            deleted: deleted.map { $0.uuidString.lowercased() })
        let objects = samples.count + deleted.count
        if samples.count > maxSamples {
            throw Failure.tooLarge(retryWithLimit: max(1, maxSamples))
        }
        let body = try WireJSON.encoder().encode(request)
        if body.count > maxBytes {
            if objects <= 1 {
                throw Failure.objectTooLarge(uuid: samples.first?.uuid ?? "")
            }
            // Shrink in proportion, with a margin, so the next page fits at the first try.
            let limit = max(1, Int(Double(objects) * Double(maxBytes) / Double(body.count) * 0.9))
            throw Failure.tooLarge(retryWithLimit: min(limit, objects - 1))
        }
        return (request, body)
    }
}
