import Foundation

/// Runs the built `denyscope` binary and captures what a user would see.
public struct CommandResult: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
}

public enum CommandRunner {
    /// The `denyscope` executable beside the test bundle in the build folder.
    public static var executable: URL {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = testBinary.deletingLastPathComponent()
        // The test runner may live inside `<name>.xctest/` or directly in the products folder.
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("denyscope").path), folder.path != "/" {
            folder.deleteLastPathComponent()
        }
        return folder.appendingPathComponent("denyscope")
    }

    /// Runs `denyscope arguments…` with `stdin` as standard input, from the package root.
    ///
    /// Output goes to temporary files rather than pipes, so a large output can never block the child.
    public static func run(_ arguments: [String], stdin: String? = nil) throws -> CommandResult {
        try run(arguments, input: Data((stdin ?? "").utf8))
    }

    /// Runs `denyscope arguments…` with the bytes of `input` as standard input, from the package root.
    public static func run(_ arguments: [String], input: Data) throws -> CommandResult {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("denyscope-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let paths = ["in", "out", "err"].map { scratch.appendingPathComponent($0) }
        try input.write(to: paths[0])
        for path in paths[1...] { try Data().write(to: path) }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = Fixtures.packageRoot
        process.standardInput = try FileHandle(forReadingFrom: paths[0])
        process.standardOutput = try FileHandle(forWritingTo: paths[1])
        process.standardError = try FileHandle(forWritingTo: paths[2])
        try process.run()
        process.waitUntilExit()
        return CommandResult(
            status: process.terminationStatus, stdout: try String(contentsOf: paths[1], encoding: .utf8),
            stderr: try String(contentsOf: paths[2], encoding: .utf8))
    }
}
