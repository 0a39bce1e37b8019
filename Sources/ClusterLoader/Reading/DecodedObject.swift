import DenyscopeCore
import Foundation

/// An object decoded into what the snapshot keeps of it, or a kind denyscope does not use.
enum DecodedObject {
    case namespace(Namespace)
    case pod(Pod)
    case service(Service)
    case node(Node)
    case networkPolicy(KubernetesNetworkPolicy)
    case ciliumPolicy(CiliumPolicy)
    case calicoPolicy(CalicoPolicy)
    case stagedKubernetesPolicy(KubernetesNetworkPolicy)
    case calicoProfile(CalicoPolicy)
    case calicoTier(CalicoTier)
    case calicoNetworkSet(CalicoNetworkSet)
    case workload(WorkloadObject)
    /// Counted as skipped under `Kind (apiVersion)`.
    case skipped

    /// Decodes `object` by its kind and API group.
    /// - Throws: the decoder's `InputError`, naming the field that is wrong.
    static func decode(_ object: ManifestObject) throws(InputError) -> DecodedObject {
        switch (object.kind, object.group) {
        case ("Namespace", ""): return .namespace(try NamespaceDecoder.decode(object.field))
        case ("Pod", ""): return .pod(try PodDecoder.decode(object.field))
        case ("Service", ""): return .service(try ServiceDecoder.decode(object.field))
        case ("Node", ""): return .node(try NodeDecoder.decode(object.field))
        case ("NetworkPolicy", "networking.k8s.io"): return .networkPolicy(try NetworkPolicyDecoder.decode(object.field))
        case ("CiliumNetworkPolicy", "cilium.io"), ("CiliumClusterwideNetworkPolicy", "cilium.io"):
            let kind: PolicyKind = object.kind == "CiliumNetworkPolicy" ? .ciliumNetworkPolicy : .ciliumClusterwideNetworkPolicy
            return .ciliumPolicy(try CiliumPolicyDecoder.decode(object.field, kind: kind))
        case (_, "projectcalico.org"), (_, "crd.projectcalico.org"):
            return try decodeCalico(object)
        case (let kind, "apps"), (let kind, "batch"), (let kind, "extensions"), (let kind, ""):
            guard WorkloadDecoder.kinds.contains(kind) else { return .skipped }
            return .workload(try WorkloadDecoder.decode(object.field, kind: kind))
        default:
            return .skipped
        }
    }

    /// A Calico object; `skipped` for a Calico kind denyscope does not use (or a staged policy
    /// whose `stagedAction` is not `Set`).
    private static func decodeCalico(_ object: ManifestObject) throws(InputError) -> DecodedObject {
        let policyKinds: [String: PolicyKind] = [
            "NetworkPolicy": .calicoNetworkPolicy, "GlobalNetworkPolicy": .globalNetworkPolicy, "StagedNetworkPolicy": .stagedNetworkPolicy,
            "StagedGlobalNetworkPolicy": .stagedGlobalNetworkPolicy,
        ]
        if let kind = policyKinds[object.kind] {
            if kind != .calicoNetworkPolicy && kind != .globalNetworkPolicy, !(try CalicoPolicyDecoder.stagesSet(object.field)) {
                return .skipped
            }
            return .calicoPolicy(try CalicoPolicyDecoder.decode(object.field, kind: kind))
        }
        switch object.kind {
        case "StagedKubernetesNetworkPolicy":
            guard try CalicoPolicyDecoder.stagesSet(object.field) else { return .skipped }
            return .stagedKubernetesPolicy(try NetworkPolicyDecoder.decode(object.field))
        case "Profile": return .calicoProfile(try CalicoPolicyDecoder.decode(object.field, kind: .profile))
        case "Tier": return .calicoTier(try CalicoObjectDecoders.tier(object.field))
        case "NetworkSet", "GlobalNetworkSet":
            return .calicoNetworkSet(try CalicoObjectDecoders.networkSet(object.field, global: object.kind == "GlobalNetworkSet"))
        default: return .skipped
        }
    }

    /// `decode`, with its error as a value.
    @Sendable static func result(of object: ManifestObject) -> Result<(ManifestObject, DecodedObject), InputError> {
        do throws(InputError) {
            return .success((object, try decode(object)))
        } catch {
            return .failure(error)
        }
    }
}

/// Objects being decoded in the background, on every core; decoders only read the parse tree,
/// which nothing changes any more.
final class DecodingBatch: @unchecked Sendable {
    private var decoded: [Result<(ManifestObject, DecodedObject), InputError>?]
    private let group = DispatchGroup()

    init(_ objects: [ManifestObject]) {
        decoded = Array(repeating: nil, count: objects.count)
        nonisolated(unsafe) let objects = objects
        DispatchQueue.global().async(group: group) {
            self.decoded.withUnsafeMutableBufferPointer { slots in
                // Each iteration writes its own slot only.
                nonisolated(unsafe) let slots = slots
                DispatchQueue.concurrentPerform(iterations: objects.count) { index in
                    slots[index] = DecodedObject.result(of: objects[index])
                }
            }
        }
    }

    /// The results in object order, once all are decoded.
    func results() -> [Result<(ManifestObject, DecodedObject), InputError>] {
        group.wait()
        return decoded.compactMap { $0 }
    }
}

/// A piece of a manifest (`ManifestPieces`) parsed and decoded on one thread: its objects'
/// results in order, then the error that ended the piece early, if any. The parse tree is not
/// kept: the pieces of a file are all decoded before their objects are added.
struct DecodedPiece {
    private(set) var results: [Result<(ManifestType, DecodedObject), InputError>] = []
    private(set) var error: InputError?

    init(_ piece: ManifestText) {
        do {
            try ManifestDocuments.forEachBatch(in: piece, batchSize: DecodedPiece.batchSize) { objects throws(InputError) in
                for object in objects { results.append(DecodedObject.result(of: object).map { ($0.0.type, $0.1) }) }
            }
        } catch {
            self.error = error
        }
    }

    /// Objects parsed before they are decoded (and their parse trees freed).
    private static let batchSize = 64
}
