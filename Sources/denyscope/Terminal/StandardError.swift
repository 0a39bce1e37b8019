import Foundation

/// Diagnostics go to standard error so that standard output stays machine-readable.
enum StandardError {
    static func print(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}
