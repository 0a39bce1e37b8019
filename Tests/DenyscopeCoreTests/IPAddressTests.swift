import DenyscopeCore
import Testing

struct IPAddressTests {
    /// Should parse IPv4 and IPv6 text and print it back in canonical form.
    @Test(arguments: [
        ("10.0.0.1", "10.0.0.1"),
        ("255.255.255.255", "255.255.255.255"),
        ("fd00::1", "fd00::1"),
        ("FD00:0:0:0:0:0:0:1", "fd00::1"),
        ("::", "::"),
        ("::1", "::1"),
        ("2001:db8::", "2001:db8::"),
        ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),
        ("::ffff:10.0.0.1", "::ffff:a00:1"),
        ("1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"),
    ])
    func parsesAndPrintsCanonically(text: String, canonical: String) {
        #expect(IPAddress(text)?.description == canonical)
    }

    /// Should reject malformed addresses instead of guessing.
    @Test(arguments: [
        "", "10.0.0", "10.0.0.256", "10.0.0.1.2", "10..0.1", "1.2.3.4a", "fd00:::1", "1::2::3", ":1:2", "1:2:3:4:5:6:7:8:9",
        "12345::", "g::1", "1:2:3:4:5:6:7", "world",
    ])
    func rejectsMalformedText(text: String) {
        #expect(IPAddress(text) == nil)
    }

    /// Should contain addresses inside the block and none of another family.
    @Test func cidrContainment() throws {
        let block = try #require(CIDR("10.1.0.0/16"))
        #expect(block.contains(try #require(IPAddress("10.1.255.3"))))
        #expect(!block.contains(try #require(IPAddress("10.2.0.1"))))
        #expect(!block.contains(try #require(IPAddress("::ffff:10.1.0.1"))))
        #expect(block.contains(try #require(CIDR("10.1.2.0/24"))))
        #expect(!block.contains(try #require(CIDR("10.0.0.0/8"))))
        #expect(CIDR("10.1.2.3/16")?.description == "10.1.0.0/16")
        #expect(CIDR("0.0.0.0/0")?.contains(try #require(IPAddress("203.0.113.9"))) == true)
        let v6 = try #require(CIDR("fd00:1::/64"))
        #expect(v6.contains(try #require(IPAddress("fd00:1::abcd"))))
        #expect(!v6.contains(try #require(IPAddress("fd00:2::1"))))
        #expect(CIDR("2001:db8::1/127")?.description == "2001:db8::/127")
        #expect(CIDR("10.0.0.1")?.prefixLength == 32)
    }

    /// Should reject out-of-range or malformed prefixes.
    @Test(arguments: ["10.0.0.0/33", "fd00::/129", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/8/8", "/8"])
    func rejectsBadCIDR(text: String) {
        #expect(CIDR(text) == nil)
    }
}
