/// One YAML (or JSON) document as the loader reads it: its nodes in flat arrays, addressed by
/// index, with what `Field` needs of them (kind, text, plain or quoted, line) and nothing else.
///
/// A snapshot of thousands of pods is hundreds of thousands of nodes: flat arrays of 16-byte
/// records cost a fraction of a tree of enums with tags and marks (Yams' `Node`, whose building
/// took half of loading a 5,000-pod snapshot).
final class YAMLDocument {
    enum Kind: UInt8 {
        case scalar
        case mapping
        case sequence
    }

    struct Node {
        var kind: Kind
        /// A plain (unquoted, not block) scalar, whose type `PlainScalar` reads from its text.
        var isPlain: Bool
        /// 1-based line where the node starts.
        var line: Int32
        /// Scalars: the index of the text; collections: the index of the first child in `children`.
        var first: Int32
        /// Collections: the number of children (keys and values alternate in a mapping).
        var count: Int32
    }

    // Constants once built: reads of a class's `var` properties are checked for exclusive access
    // at run time, which took 4 % of loading.
    let nodes: [Node]
    let texts: [String]
    let children: [Int32]

    init(_ builder: consuming Builder) {
        nodes = builder.nodes
        texts = builder.texts
        children = builder.children
    }

    /// The root node.
    static let root: Int32 = 0

    func node(_ index: Int32) -> Node { nodes[Int(index)] }

    /// The text of a scalar; `nil` for collections.
    func text(_ index: Int32) -> String? {
        let node = nodes[Int(index)]
        return node.kind == .scalar ? texts[Int(node.first)] : nil
    }

    /// The children of a collection: items of a sequence, keys and values alternating for a mapping.
    func children(_ index: Int32) -> ArraySlice<Int32> {
        let node = nodes[Int(index)]
        guard node.kind != .scalar else { return [] }
        return children[Int(node.first)..<Int(node.first + node.count)]
    }

    /// The key and value nodes of `key` in a mapping.
    func pair(_ key: String, in mapping: Int32) -> (key: Int32, value: Int32)? {
        let entries = children(mapping)
        var position = entries.startIndex
        while position < entries.endIndex {
            let keyIndex = entries[position]
            if text(keyIndex) == key { return (keyIndex, entries[position + 1]) }
            position += 2
        }
        return nil
    }

    /// A plain `null`, `~` or empty scalar.
    func isNull(_ index: Int32) -> Bool {
        let node = nodes[Int(index)]
        return node.kind == .scalar && node.isPlain && PlainScalar.isNull(texts[Int(node.first)])
    }

    /// A document being read, node by node.
    struct Builder {
        fileprivate var nodes: [Node] = []
        fileprivate var texts: [String] = []
        fileprivate var children: [Int32] = []

        mutating func appendScalar(_ text: String, plain: Bool, line: Int32) -> Int32 {
            texts.append(text)
            nodes.append(Node(kind: .scalar, isPlain: plain, line: line, first: Int32(texts.count - 1), count: 0))
            return Int32(nodes.count - 1)
        }

        /// A collection whose children `close` sets once they are read.
        mutating func appendCollection(_ kind: Kind, line: Int32) -> Int32 {
            nodes.append(Node(kind: kind, isPlain: false, line: line, first: 0, count: 0))
            return Int32(nodes.count - 1)
        }

        mutating func close(_ index: Int32, children items: ArraySlice<Int32>) {
            nodes[Int(index)].first = Int32(children.count)
            nodes[Int(index)].count = Int32(items.count)
            children.append(contentsOf: items)
        }

        /// The text of a scalar read so far; `nil` for collections.
        func text(_ index: Int32) -> String? {
            let node = nodes[Int(index)]
            return node.kind == .scalar ? texts[Int(node.first)] : nil
        }

        func line(_ index: Int32) -> Int32 { nodes[Int(index)].line }
    }
}
