import Foundation

/// Compares `actual` with the golden file `fixtures/golden/<name>`.
///
/// With `DENYSCOPE_RECORD=1` the file is rewritten and the comparison reports a mismatch, so a
/// recording run never passes by accident.
/// - Returns: `nil` when equal, else a message that shows the first differing line.
public func goldenMismatch(_ actual: String, golden name: String) -> String? {
    let path = Fixtures.path("golden/" + name)
    if ProcessInfo.processInfo.environment["DENYSCOPE_RECORD"] == "1" {
        try? FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try? actual.write(toFile: path, atomically: true, encoding: .utf8)
        return "recorded new golden file \(path); rerun without DENYSCOPE_RECORD"
    }
    guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
        return "missing golden file \(path); run with DENYSCOPE_RECORD=1 to create it"
    }
    if expected == actual { return nil }
    let expectedLines = expected.components(separatedBy: "\n")
    let actualLines = actual.components(separatedBy: "\n")
    for index in 0..<max(expectedLines.count, actualLines.count) {
        let want = index < expectedLines.count ? expectedLines[index] : "<end of file>"
        let got = index < actualLines.count ? actualLines[index] : "<end of file>"
        if want != got { return "\(name):\(index + 1): expected\n  \(want)\ngot\n  \(got)" }
    }
    return "\(name): differs"
}
