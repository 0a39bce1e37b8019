/// Why `denyscope generate` could not finish.
enum GenerateError: Error, CustomStringConvertible {
    /// A file could not be created or written.
    case cannotWrite(String)
    /// The snapshot just written could not be read back (a bug in the generator).
    case snapshotUnreadable(String)
    /// libpcap refused to open the capture file.
    case pcap(String)

    var description: String {
        switch self {
        case .cannotWrite(let path): return "cannot write \(path)"
        case .snapshotUnreadable(let message): return "the generated snapshot does not load: \(message)"
        case .pcap(let message): return "cannot write the capture: \(message)"
        }
    }
}
