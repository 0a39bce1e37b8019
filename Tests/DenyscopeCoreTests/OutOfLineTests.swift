import DenyscopeCore
import Testing

/// Values that keep some fields behind one reference (`OutOfLine`) must still behave as values.
struct OutOfLineTests {
    /// Should give equal endpoints, with equal hashes, whether built at once or field by field,
    /// and come back to the bare endpoint when every detail is cleared.
    @Test func endpointsCompareByValue() {
        let whole = Endpoint(
            kind: .pod, namespace: "shop", pod: "web-1", workload: WorkloadReference(kind: "Deployment", name: "web"),
            ip: IPAddress("10.0.0.1"), labels: ["app": "web"])
        var built = Endpoint(kind: .pod, ip: IPAddress("10.0.0.1"))
        built.namespace = "shop"
        built.pod = "web-1"
        built.workload = WorkloadReference(kind: "Deployment", name: "web")
        built.labels = ["app": "web"]
        #expect(built == whole)
        #expect(built.hashValue == whole.hashValue)
        built.namespace = nil
        built.pod = nil
        built.workload = nil
        built.labels = nil
        #expect(built == Endpoint(kind: .pod, ip: IPAddress("10.0.0.1")))
        #expect(built.hashValue == Endpoint(kind: .pod, ip: IPAddress("10.0.0.1")).hashValue)
        // A matcher keys address-only endpoints on having no details identity.
        #expect(built.detailsIdentity == nil)
    }

    /// Should tell whether a pod is named, whatever else the endpoint holds.
    @Test func endpointsTellWhetherTheyNameAPod() {
        #expect(Endpoint(kind: .pod, namespace: "shop", pod: "web-1").hasPod)
        let namespaceOnly = Endpoint(kind: .pod, namespace: "shop", ip: IPAddress("10.0.0.1"))
        #expect(!namespaceOnly.hasPod)
        #expect(namespaceOnly.detailsIdentity != nil)
        #expect(!Endpoint(kind: .world, ip: IPAddress("203.0.113.9")).hasPod)
    }

    /// Should leave a copy unchanged when the original's details change (no shared mutation).
    @Test func endpointCopiesAreIndependent() {
        var original = Endpoint(kind: .pod, namespace: "shop", pod: "web-1")
        let copy = original
        original.pod = "web-2"
        #expect(copy.pod == "web-1")
        #expect(original.pod == "web-2")
        #expect(original.namespace == "shop")
    }

    /// Should keep a location's snapshot context by value too.
    @Test func locationsCompareByValue() {
        var location = InputLocation(file: "cluster.yaml", line: 4)
        let plain = location
        location.document = 2
        location.fieldPath = "spec.ingress[0]"
        #expect(location == InputLocation(file: "cluster.yaml", line: 4, document: 2, fieldPath: "spec.ingress[0]"))
        #expect(location.description == "cluster.yaml:4: document 2: spec.ingress[0]")
        #expect(plain.document == nil)
        location.document = nil
        location.fieldPath = nil
        #expect(location == plain)
        #expect(location.hashValue == plain.hashValue)
    }
}
