import Foundation

/// The files of a demo scenario, embedded in the binary: the cluster snapshot and the recorded
/// traffic. Generated from the fixtures by `scripts/embed-demo-data.sh`.
struct DemoData {
    /// `kubectl get … -o yaml` of the scenario's cluster.
    let snapshot: String
    /// The same traffic in several record formats.
    let recordings: [DemoRecording]
}

/// One recorded traffic file of a demo scenario.
struct DemoRecording {
    let fileName: String
    let contents: [UInt8]

    /// A text file; the literal's lines plus the final newline.
    init(fileName: String, text: String) {
        self.fileName = fileName
        self.contents = Array((text + "\n").utf8)
    }

    /// A binary file as base64 lines.
    init(fileName: String, base64: String) {
        self.fileName = fileName
        self.contents = Array(Data(base64Encoded: base64, options: .ignoreUnknownCharacters) ?? Data())
    }
}
