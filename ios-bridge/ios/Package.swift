// swift-tools-version:5.9
// OpenVitalsSync: the phone side of OpenVitals' LAN sync protocol v1 (ios-bridge/spec).
// OpenVitalsSync uses Foundation, Security and CryptoKit only, so its tests run on any macOS
// runner; OpenVitalsHealthKit adds the HealthKit adapter (iOS).
import PackageDescription

let package = Package(
    name: "OpenVitalsSync",
    platforms: [.iOS(.v16), .macOS(.v13)],
    products: [
        .library(name: "OpenVitalsSync", targets: ["OpenVitalsSync"]),
        .library(name: "OpenVitalsHealthKit", targets: ["OpenVitalsHealthKit"]),
    ],
    targets: [
        .target(name: "OpenVitalsSync"),
        .target(name: "OpenVitalsHealthKit", dependencies: ["OpenVitalsSync"]),
        .testTarget(name: "OpenVitalsSyncTests", dependencies: ["OpenVitalsSync"]),
    ]
)
