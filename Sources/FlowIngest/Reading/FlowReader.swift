import DenyscopeCore
import Dispatch
import Foundation

/// Reads flow inputs (files, directories, `-` for standard input) in chunks, parses the chunks on
/// several threads, and hands the flows to a consumer in input order.
///
/// Memory stays bounded whatever the input size: at most `parallelism × 2` chunks and their
/// flows are held at once. Record problems are counted in the returned `IngestStats`; only
/// inputs that cannot be read or recognized throw.
public struct FlowReader: Sendable {
    public var options: IngestOptions

    public init(options: IngestOptions = IngestOptions()) {
        self.options = options
    }

    /// Reads every input in order and passes flows to `consume` in batches, in input order.
    ///
    /// - Parameter inputs: paths as the user gave them; `-` is standard input; a directory
    ///   stands for its regular, non-hidden files, recursively, in name order.
    /// - Returns: the accounting of all inputs together.
    /// - Throws: `InputError` (`unreadable`) for an input that cannot be opened or read or whose
    ///   format is unknown or not supported yet; with `options.strict`, the first failed record.
    public func read(_ inputs: [String], _ consume: ([Flow]) throws -> Void) throws -> IngestStats {
        var total = IngestStats()
        for path in try Self.expand(inputs) {
            total.merge(try readOne(path, consume))
        }
        return total
    }

    /// The files `inputs` stand for, in reading order.
    public static func expand(_ inputs: [String]) throws -> [String] {
        var files: [String] = []
        let manager = FileManager.default
        for input in inputs {
            var isDirectory: ObjCBool = false
            if input == "-" {
                files.append(input)
            } else if manager.fileExists(atPath: input, isDirectory: &isDirectory), isDirectory.boolValue {
                guard let walker = manager.enumerator(atPath: input) else {
                    throw InputError(.unreadable, "cannot list directory", at: InputLocation(file: input))
                }
                var found: [String] = []
                while let relative = walker.nextObject() as? String {
                    let name = (relative as NSString).lastPathComponent
                    if name.hasPrefix(".") {
                        walker.skipDescendants()
                        continue
                    }
                    let full = (input as NSString).appendingPathComponent(relative)
                    var nested: ObjCBool = false
                    if manager.fileExists(atPath: full, isDirectory: &nested), !nested.boolValue { found.append(full) }
                }
                files.append(contentsOf: found.sorted())
            } else {
                files.append(input)
            }
        }
        return files
    }

    private func readOne(_ path: String, _ consume: ([Flow]) throws -> Void) throws -> IngestStats {
        let name = path == "-" ? "<stdin>" : path
        if options.format == .pcap { return try readCapture(path, name: name, consume) }
        let handle: FileHandle
        if path == "-" {
            handle = FileHandle.standardInput
        } else {
            guard let opened = FileHandle(forReadingAtPath: path) else {
                let reason = FileManager.default.fileExists(atPath: path) ? "cannot open file" : "no such file"
                throw InputError(.unreadable, reason, at: InputLocation(file: name))
            }
            handle = opened
        }
        defer { if path != "-" { try? handle.close() } }
        func nextChunk() throws -> Data? {
            do {
                guard let data = try handle.read(upToCount: options.chunkSize), !data.isEmpty else { return nil }
                return data
            } catch {
                throw InputError(.unreadable, "read error: \(error.localizedDescription)", at: InputLocation(file: name))
            }
        }
        guard let first = try nextChunk() else { return IngestStats() }
        let format = try options.format ?? sniff(first, name: name)
        switch format {
        case .hubble:
            return try run(adapter: HubbleJSONAdapter(), name: name, first: first, next: nextChunk, consume)
        case .calicoLog:
            let template = options.calicoLogPrefix.map(CalicoLogPrefixTemplate.init)
            return try run(adapter: CalicoLogAdapter(prefixTemplate: template), name: name, first: first, next: nextChunk, consume)
        case .calicoFlowLog:
            return try run(adapter: CalicoFlowLogAdapter(), name: name, first: first, next: nextChunk, consume)
        case .pcap:
            guard path != "-" else {
                throw InputError(.unreadable, "a capture on standard input needs --input-format pcap", at: InputLocation(file: name))
            }
            return try readCapture(path, name: name, consume)
        }
    }

    /// A pcap or pcapng capture, read through libpcap rather than in chunks.
    private func readCapture(_ path: String, name: String, _ consume: ([Flow]) throws -> Void) throws -> IngestStats {
        let reader = PcapReader(options: PcapOptions(filter: options.filter))
        return try reader.read(path: path, file: name, strict: options.strict, consume)
    }

    private func sniff(_ data: Data, name: String) throws -> InputFormat {
        let guess = data.withUnsafeBytes { FormatSniffer.sniff($0) }
        switch guess {
        case .format(let format): return format
        case .gzip:
            throw InputError(.unreadable, "gzip input is not supported yet; decompress it first", at: InputLocation(file: name))
        case .unknown:
            throw InputError(
                .unreadable, "unrecognized input format (use --input-format hubble|calico-log|calico-flowlog|pcap)",
                at: InputLocation(file: name, line: 1))
        }
    }

    /// The loop: read a batch of chunks, split them at line ends, parse the blocks in parallel,
    /// put them back in order.
    private func run<Adapter: LineAdapter>(
        adapter: Adapter, name: String, first: Data, next: () throws -> Data?, _ consume: ([Flow]) throws -> Void
    ) throws -> IngestStats {
        var splitter = RecordSplitter(maxRecordLength: options.maxRecordLength)
        var sequencer = BlockSequencer(file: name, maxRecordLength: splitter.maxRecordLength)
        var pendingChunk: Data? = first
        var ended = false
        let batchSize = options.parallelism == 1 ? 1 : options.parallelism * 2
        while !ended {
            var pieces: [RecordSplitter.Piece] = []
            var blocks = 0
            while blocks < batchSize {
                guard let chunk = try pendingChunk ?? next() else {
                    pieces.append(contentsOf: splitter.finish())
                    ended = true
                    break
                }
                pendingChunk = nil
                let produced = chunk.withUnsafeBytes { splitter.push($0) }
                blocks += produced.count
                pieces.append(contentsOf: produced)
            }
            let results = parse(pieces, adapter: adapter, name: name, maxRecordLength: splitter.maxRecordLength)
            for (piece, result) in zip(pieces, results) {
                switch piece {
                case .lines: if let result { try consume(sequencer.accept(result)) }
                case .oversized(let length): sequencer.acceptOversized(length: length)
                }
            }
            if options.strict, let failure = sequencer.stats.failures.first { throw failure }
        }
        return sequencer.stats
    }

    private func parse<Adapter: LineAdapter>(
        _ pieces: [RecordSplitter.Piece], adapter: Adapter, name: String, maxRecordLength: Int
    ) -> [LineBlockResult?] {
        let blocks: [[UInt8]?] = pieces.map {
            if case .lines(let bytes) = $0 { return bytes }
            return nil
        }
        guard options.parallelism > 1, blocks.count > 1 else {
            return blocks.map { block in
                block.map { $0.withUnsafeBytes { adapter.parseBlock($0, file: name, maxRecordLength: maxRecordLength) } }
            }
        }
        let results = ResultSlots(count: blocks.count)
        DispatchQueue.concurrentPerform(iterations: blocks.count) { index in
            guard let block = blocks[index] else { return }
            results.store(block.withUnsafeBytes { adapter.parseBlock($0, file: name, maxRecordLength: maxRecordLength) }, at: index)
        }
        return results.values
    }
}

/// Slots that parallel iterations fill, each its own index, then read after all have finished.
private final class ResultSlots: @unchecked Sendable {
    private var storage: [LineBlockResult?]
    private let lock = NSLock()

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    func store(_ result: LineBlockResult, at index: Int) {
        lock.lock()
        storage[index] = result
        lock.unlock()
    }

    var values: [LineBlockResult?] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}
