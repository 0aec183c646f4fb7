/**
 * A1's tracker-free discovery: a BitTorrent mainline DHT node (BEP 5, BEP 44 items, BEP 42 id
 * checks) written for A1 on Netty. Entry point: {@link a1.dht.DhtNode}.
 *
 * <p>Why not Bt's DHT (mldht): it drops loopback and private addresses, keeps one node per IP and
 * resolves the public bootstrap routers at start, so it can neither run a local swarm of many nodes
 * on 127.0.0.1 nor stay off the public network in tests. This implementation makes both explicit
 * configuration ({@link a1.dht.DhtConfig#localSwarm()} versus {@link a1.dht.DhtConfig#mainline()}).
 *
 * <p>Layout: {@code id} (160-bit ids, BEP 42), {@code bencode} and {@code krpc} (pure codecs over
 * byte arrays), {@code routing} (copy-on-write k-bucket table), {@code rpc} (transactions, serving
 * queries, tokens, rate limits, amplification budget), {@code lookup} (iterative lookups and the
 * operations built on them), {@code store} (peers, BEP 44 items and their rules), {@code netty}
 * (the thin UDP adapter). Each node's state is confined to its own event-loop thread.
 */
package a1.dht;
