package a1.peer.relay;

/** Who holds a session: the authenticated peer id (hex) and the connection it came on, which owns the session. */
public record SessionOwner(String peerId, String connection) {}
