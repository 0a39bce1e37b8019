import DenyscopeTestSupport
import Foundation
import Testing

@testable import denyscope

/// The demo carries the scenario fixtures byte for byte (`scripts/embed-demo-data.sh` writes them).
struct DemoDataTests {
    static let scenarios = ["np-01", "np-03", "cilium-seed"]

    static func data(_ scenario: String) -> DemoData {
        switch scenario {
        case "np-01": return .np01
        case "np-03": return .np03
        default: return .ciliumSeed
        }
    }

    /// Should embed `fixtures/cluster/<scenario>/snapshot.yaml`.
    @Test(arguments: scenarios)
    func snapshotIsTheFixture(scenario: String) throws {
        let fixture = try Fixtures.text("cluster/\(scenario)/snapshot.yaml")
        #expect(Self.data(scenario).snapshot + "\n" == fixture, "run scripts/embed-demo-data.sh")
    }

    /// Should embed every `fixtures/flows/scenarios/<scenario>.*` recording, in two formats at least.
    @Test(arguments: scenarios)
    func recordingsAreTheFixtures(scenario: String) throws {
        let folder = Fixtures.path("flows/scenarios")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix(scenario + ".") }.sorted()
        let recordings = Self.data(scenario).recordings
        #expect(recordings.map(\.fileName) == names, "run scripts/embed-demo-data.sh")
        #expect(names.count >= 2)
        for recording in recordings {
            let fixture = try Data(contentsOf: URL(fileURLWithPath: folder).appendingPathComponent(recording.fileName))
            #expect(recording.contents == Array(fixture), "\(recording.fileName): run scripts/embed-demo-data.sh")
        }
    }
}
