import DenyscopeCore
import Dispatch
import Foundation

/// Reads flow inputs (files, directories, `-` for standard input) in chunks, parses the chunks on
/// several threads, and hands the flows to a consumer in input order.
///
/// Memory stays bounded whatever the input size: at most `parallelism × 2` chunks are being
/// parsed, and a few blocks of flows wait for the consumer. Record problems are counted in the
/// returned `IngestStats`; only inputs that cannot be read or recognized throw.
public struct FlowReader: Sendable {
    public var options: IngestOptions

    public init(options: IngestOptions = IngestOptions()) {
        self.options = options
    }

    /// Reads every input in order and passes flows to `consume` in batches, in input order.
    ///
    /// - Parameter inputs: paths as the user gave them; `-` is standard input; a directory
    ///   stands for its regular, non-hidden files, recursively, in name order, except that each
    ///   family of rotated logs (`kern.log.2.gz`, `kern.log.1`, `kern.log`) reads oldest first
    ///   (`RotationOrder`). Gzip-compressed inputs are recognized by their magic bytes, whatever
    ///   their names, and decompressed as they are read.
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

    /// The files `inputs` stand for, in reading order (explicit paths as given; directories as
    /// described in `read(_:_:)`).
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
                files.append(contentsOf: RotationOrder.sorted(found.sorted()))
            } else {
                files.append(input)
            }
        }
        return files
    }

    private func readOne(_ path: String, _ consume: ([Flow]) throws -> Void) throws -> IngestStats {
        let name = path == "-" ? "<stdin>" : path
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
        // Blocks of lines are slices of their chunk: the chunks of two batches, the first one
        // kept for sniffing and one in hand are held at once.
        let file = FileChunkSource(handle: handle, name: name, chunkSize: options.chunkSize, chunksInUse: 2 * options.parallelism + 2)
        guard let stored = try file.next().map({ try Self.gather($0, from: file) { $0.count >= 2 } }) else { return IngestStats() }
        var source: ChunkSource = file
        var first = stored
        var compressed = false
        if stored.withUnsafeBytes({ FormatSniffer.isGzip($0) }) {
            let reader = try GzipChunkReader(file: name, first: stored, source: file.next, chunkSize: options.chunkSize)
            guard let decompressed = try reader.next() else {
                if let truncation = reader.truncation { throw InputError(.unreadable, truncation, at: InputLocation(file: name)) }
                return IngestStats()
            }
            source = reader
            first = decompressed
            compressed = true
        }
        if options.format == nil {
            first = try Self.gather(first, from: source) { $0.count >= FormatSniffer.prefixLength || $0.contains(0x0A) }
        }
        let format = try options.format ?? sniff(first, name: name, compressed: compressed)
        switch format {
        case .hubble:
            return try run(adapter: HubbleJSONAdapter(), name: name, first: first, source: source, consume)
        case .calicoLog:
            let template = options.calicoLogPrefix.map(CalicoLogPrefixTemplate.init)
            return try run(adapter: CalicoLogAdapter(prefixTemplate: template), name: name, first: first, source: source, consume)
        case .calicoFlowLog:
            return try run(adapter: CalicoFlowLogAdapter(), name: name, first: first, source: source, consume)
        case .pcap:
            // libpcap opens a file by path; a compressed capture or standard input (whose first
            // bytes were read here) goes through a temporary file.
            if compressed || path == "-" { return try readSpooledCapture(source, first: first, name: name, consume) }
            return try readCapture(path, name: name, consume)
        }
    }

    /// A pcap or pcapng capture, read through libpcap rather than in chunks.
    func readCapture(_ path: String, name: String, _ consume: ([Flow]) throws -> Void) throws -> IngestStats {
        let reader = PcapReader(options: PcapOptions(filter: options.filter))
        return try reader.read(path: path, file: name, strict: options.strict, consume)
    }

    /// `first` and the chunks after it joined until `enough` holds or the input ends, so that
    /// the magic bytes and the first line can be seen whatever the chunk size.
    private static func gather(_ first: Data, from source: ChunkSource, until enough: (Data) -> Bool) throws -> Data {
        var data = first
        while !enough(data), let more = try source.next() { data.append(more) }
        return data
    }

    /// The format of an input that starts with `data` (decompressed when `compressed`).
    private func sniff(_ data: Data, name: String, compressed: Bool) throws -> InputFormat {
        let guess = data.withUnsafeBytes { FormatSniffer.sniff($0) }
        switch guess {
        case .format(let format): return format
        case .gzip:
            // Only reached for gzip data inside gzip data: the outer layer was already detected.
            throw InputError(
                .unreadable, "gzip data holds gzip data again; decompress the outer layer first (gzip -dc FILE | denyscope … -)",
                at: InputLocation(file: name))
        case .unknown:
            let what = compressed ? "unrecognized input format in the decompressed gzip data" : "unrecognized input format"
            throw InputError(
                .unreadable, "\(what) (use --input-format hubble|calico-log|calico-flowlog|pcap)",
                at: InputLocation(file: name, line: 1))
        }
    }

    /// Reads a line format. With more than one thread, reading, parsing and counting attempts run
    /// on another thread, a few blocks ahead of `consume` on this one: the matcher's work on a
    /// block no longer holds up the reading and counting of the next.
    private func run<Adapter: LineAdapter>(
        adapter: Adapter, name: String, first: Data, source: ChunkSource, _ consume: ([Flow]) throws -> Void
    ) throws -> IngestStats {
        // Every block of two batches being parsed, those waiting in the handoff, and the one consumed.
        let buffers = FlowBufferPool(limit: 2 * options.parallelism + Self.blocksAhead + 1)
        guard options.parallelism > 1 else {
            return try readLines(adapter: adapter, name: name, first: first, source: source, buffers: buffers) { flows in
                try consume(flows)
                buffers.giveBack(flows)
            }
        }
        // The source is used by the reading thread alone from here on.
        nonisolated(unsafe) let source = source
        return try BatchHandoff<[Flow]>.run(
            capacity: Self.blocksAhead,
            produce: { handoff in
                try readLines(adapter: adapter, name: name, first: first, source: source, buffers: buffers) { flows in
                    guard handoff.put(flows) else { throw CancellationError() }
                }
            },
            consume: { flows in
                try consume(flows)
                buffers.giveBack(flows)
            })
    }

    /// Blocks of flows the reading thread may have ready before `consume` takes them.
    private static let blocksAhead = 4

    /// The loop: read a batch of chunks, split them at line ends, parse the blocks in parallel,
    /// put them back in order and count attempts. With more than one thread, the next batch is
    /// read and parsed while the previous one is put in order and handed on.
    private func readLines<Adapter: LineAdapter>(
        adapter: Adapter, name: String, first: Data, source: ChunkSource, buffers: FlowBufferPool,
        _ handOn: ([Flow]) throws -> Void
    ) throws -> IngestStats {
        var splitter = RecordSplitter(maxRecordLength: options.maxRecordLength)
        var sequencer = BlockSequencer(file: name, maxRecordLength: splitter.maxRecordLength)
        var pendingChunk: Data? = first
        var ended = false
        // With read-ahead, two batches are in memory at once: one block per thread each keeps the
        // bound of `parallelism × 2` blocks.
        let batchSize = options.parallelism
        let parallel = options.parallelism > 1
        let parsers = ParserPool(make: adapter.makeParser)
        var inFlight: ParsingBatch? = nil
        defer { inFlight?.wait() }
        repeat {
            var next: ParsingBatch? = nil
            var readError: Error? = nil
            if !ended {
                var pieces: [RecordSplitter.Piece] = []
                do {
                    var blocks = 0
                    while blocks < batchSize {
                        guard let chunk = try pendingChunk ?? source.next() else {
                            let tail = splitter.finish()
                            // A cut stream's incomplete last line is not trusted: one failure stands for it.
                            if source.truncation == nil { pieces.append(contentsOf: tail) }
                            ended = true
                            break
                        }
                        pendingChunk = nil
                        let produced = splitter.push(chunk)
                        blocks += produced.count
                        pieces.append(contentsOf: produced)
                    }
                    next = ParsingBatch(
                        pieces: pieces, adapter: adapter, parsers: parsers, buffers: buffers, name: name,
                        maxRecordLength: splitter.maxRecordLength, inBackground: parallel)
                } catch {
                    // Reported after the batches read before it are consumed, as without read-ahead.
                    readError = error
                    ended = true
                }
            }
            if let batch = inFlight {
                inFlight = nil
                try merge(batch, into: &sequencer, handOn)
            }
            if let readError {
                next?.wait()
                throw readError
            }
            inFlight = next
        } while inFlight != nil
        if let truncation = source.truncation { sequencer.acceptTruncation(truncation) }
        if options.strict, let failure = sequencer.stats.failures.first { throw failure }
        return sequencer.stats
    }

    private func merge(_ batch: ParsingBatch, into sequencer: inout BlockSequencer, _ handOn: ([Flow]) throws -> Void) throws {
        var results = batch.takeResults()
        for (index, piece) in batch.pieces.enumerated() {
            switch piece {
            case .lines:
                if let result = results[index].take() { try handOn(sequencer.accept(result)) }
            case .oversized(let length): sequencer.acceptOversized(length: length)
            }
        }
        if options.strict, let failure = sequencer.stats.failures.first { throw failure }
    }
}

/// One batch of pieces being parsed, on the calling thread or on all cores in the background.
private final class ParsingBatch: @unchecked Sendable {
    let pieces: [RecordSplitter.Piece]
    private let slots: ResultSlots
    private let group = DispatchGroup()

    init<Adapter: LineAdapter>(
        pieces: [RecordSplitter.Piece], adapter: Adapter, parsers: ParserPool<Adapter.Parser>, buffers: FlowBufferPool, name: String,
        maxRecordLength: Int, inBackground: Bool
    ) {
        self.pieces = pieces
        let slots = ResultSlots(count: pieces.count)
        self.slots = slots
        let blocks: [Data?] = pieces.map {
            if case .lines(let bytes) = $0 { return bytes }
            return nil
        }
        guard inBackground else {
            for (index, block) in blocks.enumerated() {
                guard let block else { continue }
                slots.store(Self.parse(block, adapter, parsers, buffers, name, maxRecordLength), at: index)
            }
            return
        }
        DispatchQueue.global().async(group: group) {
            DispatchQueue.concurrentPerform(iterations: blocks.count) { index in
                guard let block = blocks[index] else { return }
                slots.store(Self.parse(block, adapter, parsers, buffers, name, maxRecordLength), at: index)
            }
        }
    }

    private static func parse<Adapter: LineAdapter>(
        _ block: Data, _ adapter: Adapter, _ parsers: ParserPool<Adapter.Parser>, _ buffers: FlowBufferPool, _ name: String,
        _ maxRecordLength: Int
    ) -> LineBlockResult {
        var buffer = buffers.take()
        return parsers.withParser { parser in
            block.withUnsafeBytes {
                adapter.parseBlock($0, file: name, maxRecordLength: maxRecordLength, with: &parser, reusing: &buffer)
            }
        }
    }

    func wait() { group.wait() }

    /// The results, in piece order, once parsing has finished.
    func takeResults() -> [LineBlockResult?] {
        group.wait()
        return slots.take()
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

    /// The results, moved out.
    func take() -> [LineBlockResult?] {
        lock.lock()
        defer { lock.unlock() }
        var values: [LineBlockResult?] = []
        swap(&values, &storage)
        return values
    }
}
