package a1.spec.wire;

/** The one registry of relay message type ids (the byte after the version in every frame). */
public enum MessageType {
    HELLO(1), PROOF(2), OPEN(3), OPENED(4), FORWARD(5), RESULT(6), CLOSE(7), ERROR(8), GOSSIP(9);

    private static final MessageType[] BY_ID = new MessageType[10];

    static {
        for (MessageType t : values()) BY_ID[t.id] = t;
    }

    public final int id;

    MessageType(int id) {
        this.id = id;
    }

    public static MessageType valueOf(int id) {
        if (id < 0 || id >= BY_ID.length || BY_ID[id] == null) throw new WireException("unknown message type " + id);
        return BY_ID[id];
    }
}
