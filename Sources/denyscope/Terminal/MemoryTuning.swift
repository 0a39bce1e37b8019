import CMalloc

/// glibc malloc settings that keep the resident size near what is live: the group tables grow by
/// doubling large arrays, and the snapshot loader frees its parse trees before traffic is read.
enum MemoryTuning {
    /// Buffers from 1 MiB up get their own mapping and go back to the system when freed (glibc
    /// would otherwise raise this threshold to 32 MiB as such buffers are freed, and keep the
    /// pages): 1 M Calico LOG lines peaked at 220 MB instead of 190 MB. Mapping them afresh costs
    /// page faults, so input chunks stay just under the threshold and flow arrays are reused
    /// (`FlowBufferPool`); a 2 or 4 MiB threshold instead left the worst case (1 M new pairs,
    /// 10,000 policies) at 185–200 MB instead of 176 MB.
    static func configure() {
        _ = mallopt(M_MMAP_THRESHOLD, 1 << 20)
    }

    /// Hands freed pages back to the system (after loading a snapshot: ~100 MB for 5,000 pods).
    static func releaseFreedMemory() {
        _ = malloc_trim(0)
    }
}
