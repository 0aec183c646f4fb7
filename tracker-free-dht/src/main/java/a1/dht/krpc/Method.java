package a1.dht.krpc;

/** KRPC query methods A1 serves (BEP 5 and BEP 44), by wire name. */
public enum Method {
    PING("ping"),
    FIND_NODE("find_node"),
    GET_PEERS("get_peers"),
    ANNOUNCE_PEER("announce_peer"),
    GET("get"),
    PUT("put");

    private final String wire;

    Method(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The method for a wire name, or null when A1 does not serve it. */
    public static Method ofWire(String name) {
        for (Method m : values()) {
            if (m.wire.equals(name)) {
                return m;
            }
        }
        return null;
    }
}
