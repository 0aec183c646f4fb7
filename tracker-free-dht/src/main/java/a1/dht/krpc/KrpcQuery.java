package a1.dht.krpc;

import a1.dht.id.NodeId;
import a1.dht.store.ImmutableItem;
import a1.dht.store.MutableItem;
import java.util.OptionalLong;

/** The KRPC queries A1 sends and serves, one record per method. */
public sealed interface KrpcQuery extends KrpcMessage {

    /** The querying node's id. */
    NodeId id();

    Method method();

    record Ping(byte[] tid, NodeId id) implements KrpcQuery {
        public Ping {
            tid = KrpcMessage.checkTid(tid);
        }

        @Override
        public Method method() {
            return Method.PING;
        }
    }

    record FindNode(byte[] tid, NodeId id, NodeId target) implements KrpcQuery {
        public FindNode {
            tid = KrpcMessage.checkTid(tid);
        }

        @Override
        public Method method() {
            return Method.FIND_NODE;
        }
    }

    record GetPeers(byte[] tid, NodeId id, NodeId infohash) implements KrpcQuery {
        public GetPeers {
            tid = KrpcMessage.checkTid(tid);
        }

        @Override
        public Method method() {
            return Method.GET_PEERS;
        }
    }

    /** announce_peer; with impliedPort the sender's UDP source port is the peer port. */
    record AnnouncePeer(byte[] tid, NodeId id, NodeId infohash, int port, boolean impliedPort, byte[] token)
            implements KrpcQuery {
        public AnnouncePeer {
            tid = KrpcMessage.checkTid(tid);
            if (!impliedPort && (port < 1 || port > 65535)) {
                throw new IllegalArgumentException("announce port must be 1..65535, got " + port);
            }
            token = token.clone();
        }

        @Override
        public Method method() {
            return Method.ANNOUNCE_PEER;
        }
    }

    /** BEP 44 get; seq (optional) asks for the item only when newer than seq. */
    record Get(byte[] tid, NodeId id, NodeId target, OptionalLong seq) implements KrpcQuery {
        public Get {
            tid = KrpcMessage.checkTid(tid);
        }

        @Override
        public Method method() {
            return Method.GET;
        }
    }

    /** BEP 44 put of an immutable item. */
    record PutImmutable(byte[] tid, NodeId id, byte[] token, ImmutableItem item) implements KrpcQuery {
        public PutImmutable {
            tid = KrpcMessage.checkTid(tid);
            token = token.clone();
        }

        @Override
        public Method method() {
            return Method.PUT;
        }
    }

    /** BEP 44 put of a mutable item, with an optional compare-and-swap sequence number. */
    record PutMutable(byte[] tid, NodeId id, byte[] token, MutableItem item, OptionalLong cas) implements KrpcQuery {
        public PutMutable {
            tid = KrpcMessage.checkTid(tid);
            token = token.clone();
        }

        @Override
        public Method method() {
            return Method.PUT;
        }
    }
}
