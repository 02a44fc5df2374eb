import Foundation

// The protocol v1 messages (ios-bridge/spec/protocol-v1.schema.json), as Codable values. Field
// names are the schema's; optional fields are left out of the JSON when nil.

public struct PairRequest: Codable, Equatable, Sendable {
    public var secret: String
    public var deviceId: String
    public var deviceName: String
    public var model: String
    public var osVersion: String
    /// 16 random bytes, base64url: the phone's half of the comparison code.
    public var nonce: String

    public init(secret: String, deviceId: String, deviceName: String, model: String, osVersion: String, nonce: String) {
        self.secret = secret
        self.deviceId = deviceId
        self.deviceName = deviceName
        self.model = model
        self.osVersion = osVersion
        self.nonce = nonce
    }

    enum CodingKeys: String, CodingKey {
        case secret, model, nonce
        case deviceId = "device_id", deviceName = "device_name", osVersion = "os_version"
    }
}

public struct PairPending: Codable, Equatable, Sendable {
    public var pairingId: String
    public var desktopNonce: String
    public var status: String
    public var expiresIn: Int

    enum CodingKeys: String, CodingKey {
        case status
        case pairingId = "pairing_id", desktopNonce = "desktop_nonce", expiresIn = "expires_in"
    }
}

public struct PairCompleteRequest: Codable, Equatable, Sendable {
    public var pairingId: String
    public init(pairingId: String) { self.pairingId = pairingId }
    enum CodingKeys: String, CodingKey { case pairingId = "pairing_id" }
}

public struct PairApproved: Codable, Equatable, Sendable {
    public var status: String
    public var deviceToken: String
    public var desktopName: String
    public var `protocol`: Int

    enum CodingKeys: String, CodingKey {
        case status, `protocol`
        case deviceToken = "device_token", desktopName = "desktop_name"
    }
}

public struct WireSource: Codable, Equatable, Sendable {
    public var name: String
    public var bundleId: String?
    public var version: String?

    public init(name: String, bundleId: String? = nil, version: String? = nil) {
        self.name = name
        self.bundleId = bundleId
        self.version = version
    }

    enum CodingKeys: String, CodingKey {
        case name, version
        case bundleId = "bundle_id"
    }
}

public struct WireDevice: Codable, Equatable, Sendable {
    public var name: String?
    public var manufacturer: String?
    public var model: String?
    public var hardwareVersion: String?
    public var softwareVersion: String?

    public init(name: String? = nil, manufacturer: String? = nil, model: String? = nil,
                hardwareVersion: String? = nil, softwareVersion: String? = nil) {
        self.name = name
        self.manufacturer = manufacturer
        self.model = model
        self.hardwareVersion = hardwareVersion
        self.softwareVersion = softwareVersion
    }

    enum CodingKeys: String, CodingKey {
        case name, manufacturer, model
        case hardwareVersion = "hardware_version", softwareVersion = "software_version"
    }
}

public struct WorkoutStatistic: Codable, Equatable, Sendable {
    public var type: String
    public var unit: String
    public var sum: Double?
    public var average: Double?
    public var minimum: Double?
    public var maximum: Double?

    public init(type: String, unit: String, sum: Double? = nil, average: Double? = nil,
                minimum: Double? = nil, maximum: Double? = nil) {
        self.type = type
        self.unit = unit
        self.sum = sum
        self.average = average
        self.minimum = minimum
        self.maximum = maximum
    }
}

public struct WorkoutEvent: Codable, Equatable, Sendable {
    public var type: String
    public var start: String
    public var end: String

    public init(type: String, start: String, end: String) {
        self.type = type
        self.start = start
        self.end = end
    }
}

public struct WorkoutActivity: Codable, Equatable, Sendable {
    public var activityType: String
    public var start: String
    public var end: String?
    public var statistics: [WorkoutStatistic]?

    public init(activityType: String, start: String, end: String? = nil, statistics: [WorkoutStatistic]? = nil) {
        self.activityType = activityType
        self.start = start
        self.end = end
        self.statistics = statistics
    }

    enum CodingKeys: String, CodingKey {
        case start, end, statistics
        case activityType = "activity_type"
    }
}

/// One point of a workout route: `[latitude, longitude, altitude in metres or null, time]`.
public struct RouteLocation: Codable, Equatable, Sendable {
    public var latitude: Double
    public var longitude: Double
    public var altitude: Double?
    public var time: String

    public init(latitude: Double, longitude: Double, altitude: Double?, time: String) {
        self.latitude = latitude
        self.longitude = longitude
        self.altitude = altitude
        self.time = time
    }

    public init(from decoder: Decoder) throws {
        var c = try decoder.unkeyedContainer()
        latitude = try c.decode(Double.self)
        longitude = try c.decode(Double.self)
        altitude = try c.decodeNil() ? nil : try c.decode(Double.self)
        time = try c.decode(String.self)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.unkeyedContainer()
        try c.encode(latitude)
        try c.encode(longitude)
        if let altitude { try c.encode(altitude) } else { try c.encodeNil() }
        try c.encode(time)
    }
}

/// One HealthKit object. Which fields apply follows from the type's prefix: quantity (`value`,
/// `unit`), category (`value`, an integer), correlation (`objects`), workout (`activity_type` ...),
/// route (`workout_uuid`, `locations`).
public struct WireSample: Codable, Equatable, Sendable {
    public var uuid: String
    public var type: String
    /// ISO 8601 with the phone's UTC offset at the time (see `WireDates`).
    public var start: String
    public var end: String
    public var source: WireSource
    public var device: WireDevice?
    public var metadata: [String: String]?
    public var value: Double?
    public var unit: String?
    public var objects: [WireSample]?
    public var activityType: String?
    public var durationS: Double?
    public var statistics: [WorkoutStatistic]?
    public var events: [WorkoutEvent]?
    public var activities: [WorkoutActivity]?
    public var workoutUuid: String?
    public var locations: [RouteLocation]?

    public init(uuid: String, type: String, start: String, end: String, source: WireSource,
                device: WireDevice? = nil, metadata: [String: String]? = nil, value: Double? = nil,
                unit: String? = nil) {
        self.uuid = uuid
        self.type = type
        self.start = start
        self.end = end
        self.source = source
        self.device = device
        self.metadata = metadata
        self.value = value
        self.unit = unit
    }

    enum CodingKeys: String, CodingKey {
        case uuid, type, start, end, source, device, metadata, value, unit, objects, statistics,
             events, activities, locations
        case activityType = "activity_type", durationS = "duration_s", workoutUuid = "workout_uuid"
    }
}

public struct BatchRequest: Codable, Equatable, Sendable {
    /// The idempotency key: the same batch is always resent under the same id.
    public var batchId: String
    /// The HealthKit type identifier of the anchored query the batch comes from.
    public var type: String
    /// The HKQueryAnchor after this batch, archived and base64-encoded.
    public var anchor: String
    public var samples: [WireSample]
    public var deleted: [String]

    public init(batchId: String, type: String, anchor: String, samples: [WireSample], deleted: [String]) {
        self.batchId = batchId
        self.type = type
        self.anchor = anchor
        self.samples = samples
        self.deleted = deleted
    }

    enum CodingKeys: String, CodingKey {
        case type, anchor, samples, deleted
        case batchId = "batch_id"
    }
}

public struct RejectedSample: Codable, Equatable, Sendable {
    public var uuid: String
    public var reason: String
}

public struct BatchAnswer: Codable, Equatable, Sendable {
    public var batchId: String
    public var type: String
    /// Committed together with the samples: safe to save as the type's new anchor.
    public var acknowledgedAnchor: String
    public var received: Int
    public var stored: Int
    public var deleted: Int
    public var unknownTypes: [String: Int]
    public var rejected: [RejectedSample]
    public var replayed: Bool

    enum CodingKeys: String, CodingKey {
        case type, received, stored, deleted, rejected, replayed
        case batchId = "batch_id", acknowledgedAnchor = "acknowledged_anchor", unknownTypes = "unknown_types"
    }
}

public struct AnchorsAnswer: Codable, Equatable, Sendable {
    public var anchors: [String: String]
}

public struct ResyncAnswer: Codable, Equatable, Sendable {
    public var cleared: [String]
}

/// The desktop's error answer: a stable code, a sentence, the JSON Pointer at fault.
public struct ErrorAnswer: Codable, Equatable, Sendable, Error {
    public var error: String
    public var message: String
    public var field: String?
    public var retryAfter: Int?

    enum CodingKeys: String, CodingKey {
        case error, message, field
        case retryAfter = "retry_after"
    }
}

/// Dates as the protocol writes them: ISO 8601 with the UTC offset the phone had at the time
/// (HealthKit keeps instants; the offset comes from the sample's time zone metadata if present,
/// else the phone's current zone), fractional seconds only when there are some.
public enum WireDates {
    public static func string(_ date: Date, timeZone: TimeZone = .current) -> String {
        let whole = date.timeIntervalSince1970.rounded(.down) == date.timeIntervalSince1970
        let f = ISO8601DateFormatter()
        f.timeZone = timeZone
        f.formatOptions = whole
            ? [.withInternetDateTime]
            : [.withInternetDateTime, .withFractionalSeconds]
        return f.string(from: date)
    }

    public static func date(_ text: String) -> Date? {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let d = f.date(from: text) { return d }
        f.formatOptions = [.withInternetDateTime]
        return f.date(from: text)
    }
}

/// The JSON coders of the protocol: sorted keys (stable bodies), no escaped slashes.
public enum WireJSON {
    public static func encoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }

    public static let decoder = JSONDecoder()
}
