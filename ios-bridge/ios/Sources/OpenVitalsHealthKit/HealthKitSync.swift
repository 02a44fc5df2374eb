#if canImport(HealthKit) && os(iOS)
import Foundation
import HealthKit
import OpenVitalsSync

/// Reads HealthKit with one anchored query per type and hands each page to `PhoneSync` (`uploader`):
/// `HKAnchoredObjectQuery` from the acknowledged anchor (added and deleted objects), an
/// `HKObserverQuery` per type with background delivery so new data is sent while the app is not
/// in front. HealthKit data is readable only while the phone is unlocked (protected data); a query
/// run while it is locked fails with `errorDatabaseInaccessible` and is run again on the next wake.
public final class HealthKitSync: @unchecked Sendable {
    public let store: HKHealthStore
    public let uploader: PhoneSync
    public let types: [HKSampleType]
    private let pageLimit: Int
    private var observers: [HKObserverQuery] = []

    public init(store: HKHealthStore = HKHealthStore(), uploader: PhoneSync, types: [HKSampleType] = HealthKitSync.defaultTypes,
                pageLimit: Int = 2_000) {
        self.store = store
        self.uploader = uploader
        self.types = types
        self.pageLimit = pageLimit
    }

    /// The types the desktop's catalog has a home for (see connectors/applehealth/HealthKitTypes).
    public static var defaultTypes: [HKSampleType] {
        let quantities: [HKQuantityTypeIdentifier] = [
            .stepCount, .distanceWalkingRunning, .distanceCycling, .distanceSwimming, .activeEnergyBurned,
            .basalEnergyBurned, .flightsClimbed, .appleExerciseTime, .appleStandTime, .heartRate,
            .restingHeartRate, .walkingHeartRateAverage, .heartRateVariabilitySDNN, .vo2Max,
            .oxygenSaturation, .respiratoryRate, .bodyTemperature, .basalBodyTemperature,
            .bloodPressureSystolic, .bloodPressureDiastolic, .bloodGlucose, .bodyMass,
            .bodyFatPercentage, .leanBodyMass, .bodyMassIndex, .height, .waistCircumference,
            .dietaryEnergyConsumed, .dietaryProtein, .dietaryCarbohydrates, .dietaryFatTotal,
            .dietaryFatSaturated, .dietaryFiber, .dietarySugar, .dietarySodium, .dietaryPotassium,
            .dietaryCholesterol, .dietaryCalcium, .dietaryIron, .dietaryVitaminC, .dietaryCaffeine,
            .dietaryWater,
        ]
        var types: [HKSampleType] = quantities.compactMap { HKQuantityType.quantityType(forIdentifier: $0) }
        types.append(HKCategoryType(.sleepAnalysis))
        types.append(HKObjectType.workoutType())
        return types
    }

    /// Asks the person for read access to every type.
    public func requestAuthorization() async throws {
        try await store.requestAuthorization(toShare: [], read: Set(types))
    }

    /// Starts an observer and background delivery for every type; each wake-up syncs that type.
    /// Call once at launch (in `application(_:didFinishLaunchingWithOptions:)`), so that queries
    /// exist when iOS wakes the app in the background.
    public func startObserving() {
        for type in types {
            let query = HKObserverQuery(sampleType: type, predicate: nil) { [weak self] _, completion, error in
                guard let self, error == nil else { completion(); return }
                Task {
                    // HealthKit waits for completion before it sends the next update.
                    defer { completion() }
                    try? await self.sync(type)
                }
            }
            store.execute(query)
            observers.append(query)
            store.enableBackgroundDelivery(for: type, frequency: .immediate) { _, _ in }
        }
    }

    /// Sends everything new of every type.
    public func syncAll() async throws {
        try await uploader.resendPending()
        for type in types {
            try await sync(type)
        }
    }

    /// Sends the pages of one type until HealthKit has no more to report.
    public func sync(_ type: HKSampleType) async throws {
        var limit = pageLimit
        while true {
            let start = try uploader.anchor(for: type.identifier).flatMap(Self.anchor(from:))
            let page = try await query(type, from: start, limit: limit)
            if page.samples.isEmpty && page.deleted.isEmpty { return }
            let wire = page.samples.flatMap(HealthKitMapping.wireSamples(for:))
            do {
                try await uploader.send(type: type.identifier, anchor: try Self.string(from: page.anchor),
                                    samples: wire, deleted: page.deleted)
            } catch BatchBuilder.Failure.tooLarge(let smaller) {
                limit = smaller
                continue
            }
            if page.samples.count + page.deleted.count < limit { return }
        }
    }

    struct Page {
        var samples: [HKSample]
        var deleted: [UUID]
        var anchor: HKQueryAnchor
    }

    private func query(_ type: HKSampleType, from anchor: HKQueryAnchor?, limit: Int) async throws -> Page {
        try await withCheckedThrowingContinuation { continuation in
            let query = HKAnchoredObjectQuery(type: type, predicate: nil, anchor: anchor, limit: limit) {
                _, samples, deleted, newAnchor, error in
                if let error {
                    continuation.resume(throwing: error)
                } else if let newAnchor {
                    continuation.resume(returning: Page(samples: samples ?? [], deleted: (deleted ?? []).map(\.uuid),
                                                        anchor: newAnchor))
                } else {
                    continuation.resume(returning: Page(samples: [], deleted: [], anchor: anchor ?? HKQueryAnchor(fromValue: 0)))
                }
            }
            store.execute(query)
        }
    }

    /// An anchor as the protocol carries it: archived with NSKeyedArchiver, base64.
    static func string(from anchor: HKQueryAnchor) throws -> String {
        try NSKeyedArchiver.archivedData(withRootObject: anchor, requiringSecureCoding: true).base64EncodedString()
    }

    static func anchor(from string: String) -> HKQueryAnchor? {
        guard let data = Data(base64Encoded: string) else { return nil }
        return try? NSKeyedUnarchiver.unarchivedObject(ofClass: HKQueryAnchor.self, from: data)
    }
}

/// HealthKit objects as protocol samples.
public enum HealthKitMapping {
    /// The wire form of one object (several for none: an object of a form the protocol lacks).
    public static func wireSamples(for sample: HKSample) -> [WireSample] {
        var wire = base(sample)
        switch sample {
        case let q as HKQuantitySample:
            let unit = preferredUnit(q.quantityType)
            wire.value = q.quantity.doubleValue(for: unit)
            wire.unit = unit.unitString
        case let c as HKCategorySample:
            wire.value = Double(c.value)
        case let c as HKCorrelation:
            wire.objects = c.objects.compactMap { $0 as? HKQuantitySample }.flatMap(wireSamples(for:))
        case let w as HKWorkout:
            wire.activityType = "HKWorkoutActivityType" + activityName(w.workoutActivityType)
            wire.durationS = w.duration
            wire.statistics = w.allStatistics.values.compactMap(statistic(_:))
            wire.events = w.workoutEvents?.map {
                WorkoutEvent(type: "HKWorkoutEventType" + eventName($0.type), start: WireDates.string($0.dateInterval.start),
                             end: WireDates.string($0.dateInterval.end))
            }
        default:
            // Workout routes are not sent yet: their locations need an HKWorkoutRouteQuery per
            // workout (see the README).
            return []
        }
        return [wire]
    }

    static func base(_ sample: HKSample) -> WireSample {
        let zone = (sample.metadata?[HKMetadataKeyTimeZone] as? String).flatMap(TimeZone.init(identifier:)) ?? .current
        let source = sample.sourceRevision
        let device = sample.device.map {
            WireDevice(name: $0.name, manufacturer: $0.manufacturer, model: $0.model,
                       hardwareVersion: $0.hardwareVersion, softwareVersion: $0.softwareVersion)
        }
        return WireSample(
            uuid: sample.uuid.uuidString.lowercased(),
            type: sample.sampleType.identifier,
            start: WireDates.string(sample.startDate, timeZone: zone),
            end: WireDates.string(sample.endDate, timeZone: zone),
            source: WireSource(name: source.source.name, bundleId: source.source.bundleIdentifier,
                               version: source.version),
            device: device,
            metadata: metadataStrings(sample.metadata))
    }

    /// Metadata as text, as the export writes it (HKMetadataKeySyncIdentifier/SyncVersion included).
    static func metadataStrings(_ metadata: [String: Any]?) -> [String: String]? {
        guard let metadata, !metadata.isEmpty else { return nil }
        var out: [String: String] = [:]
        for (key, value) in metadata.prefix(64) {
            switch value {
            case let s as String: out[key] = s
            case let n as NSNumber: out[key] = n.stringValue
            case let d as Date: out[key] = WireDates.string(d)
            case let q as HKQuantity: out[key] = q.description
            default: out[key] = String(describing: value)
            }
        }
        return out
    }

    /// The unit each type is sent in: the one the desktop's unit table knows for it.
    static func preferredUnit(_ type: HKQuantityType) -> HKUnit {
        switch HKQuantityTypeIdentifier(rawValue: type.identifier) {
        case .heartRate, .restingHeartRate, .walkingHeartRateAverage, .respiratoryRate:
            return HKUnit.count().unitDivided(by: .minute())
        case .heartRateVariabilitySDNN: return .secondUnit(with: .milli)
        case .oxygenSaturation, .bodyFatPercentage: return .percent()
        case .bodyTemperature, .basalBodyTemperature: return .degreeCelsius()
        case .bloodPressureSystolic, .bloodPressureDiastolic: return .millimeterOfMercury()
        case .bloodGlucose: return HKUnit.gramUnit(with: .milli).unitDivided(by: .literUnit(with: .deci))
        case .bodyMass, .leanBodyMass: return .gramUnit(with: .kilo)
        case .height, .waistCircumference: return .meterUnit(with: .centi)
        case .distanceWalkingRunning, .distanceCycling, .distanceSwimming: return .meter()
        case .activeEnergyBurned, .basalEnergyBurned, .dietaryEnergyConsumed: return .kilocalorie()
        case .appleExerciseTime, .appleStandTime: return .minute()
        case .vo2Max:
            return HKUnit.literUnit(with: .milli).unitDivided(by: HKUnit.gramUnit(with: .kilo).unitMultiplied(by: .minute()))
        case .dietaryWater: return .literUnit(with: .milli)
        case .dietaryProtein, .dietaryCarbohydrates, .dietaryFatTotal, .dietaryFatSaturated, .dietaryFiber, .dietarySugar:
            return .gram()
        case .dietarySodium, .dietaryPotassium, .dietaryCholesterol, .dietaryCalcium, .dietaryIron,
             .dietaryVitaminC, .dietaryCaffeine:
            return .gramUnit(with: .milli)
        default: return .count()
        }
    }

    static func statistic(_ s: HKStatistics) -> WorkoutStatistic? {
        let unit = preferredUnit(s.quantityType)
        return WorkoutStatistic(
            type: s.quantityType.identifier, unit: unit.unitString,
            sum: s.sumQuantity()?.doubleValue(for: unit), average: s.averageQuantity()?.doubleValue(for: unit),
            minimum: s.minimumQuantity()?.doubleValue(for: unit), maximum: s.maximumQuantity()?.doubleValue(for: unit))
    }

    /// The event's name as HealthKit's identifiers spell it (`Pause` for `.pause`).
    static func eventName(_ type: HKWorkoutEventType) -> String {
        switch type {
        case .pause: return "Pause"
        case .resume: return "Resume"
        case .lap: return "Lap"
        case .marker: return "Marker"
        case .motionPaused: return "MotionPaused"
        case .motionResumed: return "MotionResumed"
        case .segment: return "Segment"
        case .pauseOrResumeRequest: return "PauseOrResumeRequest"
        @unknown default: return "Marker"
        }
    }

    /// The activity's name as HealthKit's identifiers spell it (`Running` for `.running`).
    static func activityName(_ type: HKWorkoutActivityType) -> String {
        switch type {
        case .running: return "Running"
        case .walking: return "Walking"
        case .cycling: return "Cycling"
        case .swimming: return "Swimming"
        case .hiking: return "Hiking"
        case .yoga: return "Yoga"
        case .rowing: return "Rowing"
        case .elliptical: return "Elliptical"
        case .traditionalStrengthTraining: return "TraditionalStrengthTraining"
        case .functionalStrengthTraining: return "FunctionalStrengthTraining"
        case .highIntensityIntervalTraining: return "HighIntensityIntervalTraining"
        case .mixedCardio: return "MixedCardio"
        default: return "Other"
        }
    }
}
#endif
