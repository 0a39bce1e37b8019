import DenyscopeCore
import Foundation

/// One text to load: a file's contents or stdin, or a piece of them, with the name errors should use.
struct ManifestText {
    let name: String
    let text: String
    /// Where in the file the text starts (a piece's start is not the file's).
    var firstLine = 1
    var firstDocument = 1
    var firstByte = 0
}

/// Expands `--cluster` arguments into texts: files as given, directories recursively (`.yaml`,
/// `.yml`, `.json`, in path order), and `-` for standard input.
enum ManifestSource {
    static let extensions: Set<String> = ["yaml", "yml", "json"]

    static func texts(for paths: [String], readStandardInput: () -> Data) throws(InputError) -> [ManifestText] {
        var result: [ManifestText] = []
        for path in paths {
            if path == "-" {
                result.append(try decode(readStandardInput(), name: "<stdin>"))
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw InputError(.unreadable, "no such file or directory", at: InputLocation(file: path))
            }
            if isDirectory.boolValue {
                for file in try manifestFiles(in: path) { result.append(try read(file)) }
            } else {
                result.append(try read(path))
            }
        }
        return result
    }

    private static func manifestFiles(in directory: String) throws(InputError) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else {
            throw InputError(.unreadable, "cannot list directory", at: InputLocation(file: directory))
        }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let fileExtension = (relative as NSString).pathExtension.lowercased()
            if extensions.contains(fileExtension) { files.append((directory as NSString).appendingPathComponent(relative)) }
        }
        return files.sorted()
    }

    private static func read(_ path: String) throws(InputError) -> ManifestText {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(.unreadable, "cannot read file", at: InputLocation(file: path))
        }
        return try decode(data, name: path)
    }

    private static func decode(_ data: Data, name: String) throws(InputError) -> ManifestText {
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputError(.syntax, "not UTF-8 text", at: InputLocation(file: name))
        }
        return ManifestText(name: name, text: text)
    }
}
