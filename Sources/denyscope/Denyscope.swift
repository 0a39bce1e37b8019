import ArgumentParser
import DenyscopeCore
import Foundation
import PolicyEngine

@main
struct Denyscope: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "denyscope",
        abstract: "Which policy denied which connection, and what would let the legitimate traffic through.",
        subcommands: [
            ExplainCommand.self, TriageCommand.self, AuditCommand.self, FlowsCommand.self, GenerateCommand.self, DemoCommand.self,
        ])

    /// Runs the command and maps errors to the exit codes of DESIGN.md §4: 0 success, 2 bad usage
    /// or unreadable input, 3 a requested check failed, 1 anything else. (argument-parser's own
    /// usage code is 64 on Linux.)
    static func main() {
        MemoryTuning.configure()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            Foundation.exit(report(error))
        }
    }

    private static func report(_ error: any Error) -> Int32 {
        switch error {
        case let error as InputError:
            StandardError.print("error: \(error)")
            return ExitStatus.badInput
        case let error as EndpointResolutionError:
            StandardError.print("error: \(error)")
            return ExitStatus.badInput
        case let error as CheckFailed:
            StandardError.print(error.message)
            return ExitStatus.checkFailed
        default:
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
                return 0
            }
            if !message.isEmpty { StandardError.print(message) }
            if code == .validationFailure { return ExitStatus.badInput }
            return code == ExitCode(ExitStatus.checkFailed) ? ExitStatus.checkFailed : ExitStatus.failure
        }
    }
}

/// The exit codes of the command-line contract.
enum ExitStatus {
    static let failure: Int32 = 1
    static let badInput: Int32 = 2
    static let checkFailed: Int32 = 3
}

/// A check the user asked for (such as `--fail-on-deny`) failed: exit code 3.
struct CheckFailed: Error {
    let message: String
}
