import DenyscopeCore
import Testing

@testable import FlowIngest

struct HubbleLabelCacheTests {
    /// A side object recognized while scanning a line is found by its place in that line; once
    /// the next line starts, the same place (a reused buffer) holding other bytes is not.
    @Test func recognizedSidesLastOneLine() {
        var cache = HubbleLabelCache()
        let known = Array(#"{"ID":1,"identity":100,"namespace":"shop","pod_name":"web-1"}"#.utf8)
        let other = Array(#"{"ID":2,"identity":200,"namespace":"shop","pod_name":"web-2"}"#.utf8)
        let web = Endpoint(kind: .pod, namespace: "shop", pod: "web-1")
        known.withUnsafeBytes { cache.storeSide((web, OutOfLine(wrappedValue: nil)), for: $0) }
        var line = known + Array(",".utf8)
        line.withUnsafeMutableBytes { buffer in
            let object = UnsafeRawBufferPointer(rebasing: buffer[..<known.count])
            cache.startLine()
            #expect(cache.recognizeSide(startingAt: UnsafeRawBufferPointer(buffer)) == known.count)
            #expect(cache.side(object)?.endpoint == web)
            // The next line, in the same buffer: other bytes of the same length.
            buffer.copyBytes(from: other)
            cache.startLine()
            #expect(cache.side(object) == nil)
        }
    }
}
