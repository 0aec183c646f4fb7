package a1.dht.rpc;

import java.net.InetSocketAddress;

/** Sends one datagram; the Netty adapter implements it, tests may fake it. */
@FunctionalInterface
public interface Transport {

    void send(InetSocketAddress to, byte[] datagram);
}
