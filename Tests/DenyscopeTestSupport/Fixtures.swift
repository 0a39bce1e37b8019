import Foundation

/// Paths into the repository's `fixtures/` folder and the built `denyscope` binary.
///
/// SwiftPM cannot give a test target resources outside its own folder, so fixtures are found
/// from this file's path up to the package root.
public enum Fixtures {
    /// The package root (the folder holding `Package.swift`).
    public static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    /// `fixtures/<relative>` as a path string.
    public static func path(_ relative: String) -> String {
        packageRoot.appendingPathComponent("fixtures").appendingPathComponent(relative).path
    }

    /// The contents of `fixtures/<relative>` as text.
    public static func text(_ relative: String) throws -> String {
        try String(contentsOfFile: path(relative), encoding: .utf8)
    }
}
