/// The set of fields a `JSONFieldScanner` extracts, compiled into a small trie of object keys.
///
/// Each path is a list of object keys from the top-level object down; a component may list
/// alternative spellings separated by `|` (`"pod_name|podName"`), which share one slot and one
/// subtree. Keys are compared as raw bytes, so keys written with escapes never match (no
/// producer of the supported formats escapes key characters).
public struct JSONFieldPaths: Sendable {
    struct Edge: Sendable {
        let key: [UInt8]
        /// The slot the value is stored in, or -1.
        let slot: Int
        /// The child node to descend into when the value is an object, or -1.
        let child: Int
    }

    struct Node: Sendable {
        var edges: [Edge] = []
    }

    private var nodes: [Node] = [Node()]
    /// The number of slots: one more than the largest slot given.
    public private(set) var slotCount = 0
    /// The trie as the walk reads it.
    private(set) var keys = JSONKeyIndex([Node()])

    /// Compiles `paths`, each with the slot its value goes into.
    ///
    /// - Precondition: no two paths with the same components have different slots.
    public init(_ paths: [(path: [String], slot: Int)]) {
        for (path, slot) in paths {
            add(path[...], slot: slot, at: 0)
            slotCount = max(slotCount, slot + 1)
        }
        keys = JSONKeyIndex(nodes)
    }

    /// Paths written with dots (`"l4.TCP.source_port|sourcePort"`), each with its slot.
    public init(dotted: [(path: String, slot: Int)]) {
        self.init(dotted.map { (path: $0.path.split(separator: ".").map(String.init), slot: $0.slot) })
    }

    private mutating func add(_ path: ArraySlice<String>, slot: Int, at node: Int) {
        guard let first = path.first else { return }
        let spellings = first.split(separator: "|").map { Array($0.utf8) }
        let isLast = path.count == 1
        // Every spelling shares one child node.
        var child = -1
        for spelling in spellings {
            if let index = nodes[node].edges.firstIndex(where: { $0.key == spelling }), nodes[node].edges[index].child >= 0 {
                child = nodes[node].edges[index].child
            }
        }
        if !isLast, child < 0 {
            nodes.append(Node())
            child = nodes.count - 1
        }
        for spelling in spellings {
            if let index = nodes[node].edges.firstIndex(where: { $0.key == spelling }) {
                let old = nodes[node].edges[index]
                precondition(!isLast || old.slot < 0 || old.slot == slot, "two slots for one path")
                nodes[node].edges[index] = Edge(key: spelling, slot: isLast ? slot : old.slot, child: max(child, old.child))
            } else {
                nodes[node].edges.append(Edge(key: spelling, slot: isLast ? slot : -1, child: child))
            }
        }
        if !isLast { add(path.dropFirst(), slot: slot, at: child) }
    }
}
