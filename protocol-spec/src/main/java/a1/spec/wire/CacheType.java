package a1.spec.wire;

/** Precision of the KV cache a peer keeps for a session; the client picks it so that a chain matches its reference. */
public enum CacheType {
    F16(0), F32(1);

    public final int id;

    CacheType(int id) {
        this.id = id;
    }

    public static CacheType valueOf(int id) {
        for (CacheType c : values()) if (c.id == id) return c;
        throw new WireException("unknown cache type " + id);
    }
}
