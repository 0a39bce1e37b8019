import Foundation

/// How `FlowReader` reads its inputs.
public struct IngestOptions: Sendable {
    /// The format of every input; `nil` sniffs each input's first bytes.
    public var format: InputFormat?
    /// Bytes read at a time (the unit of parallel parsing).
    public var chunkSize: Int
    /// The default `chunkSize`: just under 1 MiB, so that a chunk and the block of lines cut from
    /// it (a partial line longer) stay below the allocator's 1 MiB mapping threshold and reuse
    /// heap memory. At 1 MiB each was mapped afresh and page-faulted.
    public static let defaultChunkSize = (1 << 20) - (64 << 10)
    /// The longest record accepted, in bytes; longer ones are counted failures.
    public var maxRecordLength: Int
    /// Chunks parsed at the same time; 1 parses on the calling thread.
    public var parallelism: Int
    /// Stop at the first failed record and throw it (`--strict`).
    public var strict: Bool
    /// The cluster's Felix `logPrefix` when it uses `%t %k %n %p` placeholders, so that Calico
    /// `LOG` lines name their policy; `nil` keeps prefixes as written.
    public var calicoLogPrefix: String? = nil
    /// A BPF expression (`--filter`) applied to packet captures; other formats ignore it.
    public var filter: String?

    public init(
        format: InputFormat? = nil, chunkSize: Int = defaultChunkSize, maxRecordLength: Int = 16 << 20,
        parallelism: Int = ProcessInfo.processInfo.activeProcessorCount, strict: Bool = false,
        filter: String? = nil
    ) {
        self.format = format
        self.chunkSize = max(1, chunkSize)
        self.maxRecordLength = maxRecordLength
        self.parallelism = max(1, parallelism)
        self.strict = strict
        self.filter = filter
    }
}
