/// The host-side interface name Calico gives a pod: `cali` and 11 hex digits of a hash of
/// `namespace.pod` (Calico uses SHA-1; a stable FNV-1a hash stands in, as only the shape matters).
enum CalicoInterfaceName {
    static func of(namespace: String, pod: String) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in "\(namespace).\(pod)".utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3
        }
        let hex = String(hash & 0xFFF_FFFF_FFFF, radix: 16)
        return "cali" + String(repeating: "0", count: max(0, 11 - hex.count)) + hex
    }
}
