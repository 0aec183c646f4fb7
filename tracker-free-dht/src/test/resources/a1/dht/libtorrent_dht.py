#!/usr/bin/env python3
"""A libtorrent DHT node driven over stdin/stdout for A1's interop test.

Loopback only: listens on 127.0.0.1, bootstraps from the A1 node given on the command line, and
never contacts public routers. One command per line in, one result line out.
"""
import sys
import time

try:
    import libtorrent as lt
except ImportError:
    print("error libtorrent python module missing (apt-get install -y python3-libtorrent)", flush=True)
    sys.exit(3)

TIMEOUT = 30.0


def session(bootstrap):
    cat = lt.alert.category_t
    return lt.session({
        "listen_interfaces": "127.0.0.1:0",
        "enable_dht": True,
        "enable_lsd": False,
        "enable_upnp": False,
        "enable_natpmp": False,
        "dht_bootstrap_nodes": bootstrap,
        "dht_restrict_routing_ips": False,
        "dht_restrict_search_ips": False,
        "dht_ignore_dark_internet": False,
        "dht_prefer_verified_node_ids": False,
        # Many A1 nodes share 127.0.0.1: lift the per-IP limits meant for the public network.
        "dht_block_ratelimit": 100000,
        "dht_upload_rate_limit": 10000000,
        "alert_mask": cat.dht_notification | cat.dht_operation_notification | cat.error_notification
        | cat.status_notification,
    })


def hex_arg(x):
    """Hex bytes; "-" stands for the empty string, which a whitespace-split line cannot carry."""
    return b"" if x == "-" else bytes.fromhex(x)


def value_hex(item):
    """The bencoded value of an item alert; the Python binding wraps it in a dict with a "value" key."""
    if isinstance(item, dict):
        item = item.get("value", item.get(b"value"))
    return lt.bencode(item).hex()


def wait_for(ses, match):
    deadline = time.time() + TIMEOUT
    while time.time() < deadline:
        ses.wait_for_alert(200)
        for a in ses.pop_alerts():
            r = match(a)
            if r is not None:
                return r
    return None


def main():
    ses = session(sys.argv[1])
    print("ready %d" % ses.listen_port(), flush=True)
    save_path = sys.argv[2]
    for line in sys.stdin:
        parts = line.split()
        if not parts:
            continue
        cmd, args = parts[0], parts[1:]
        if cmd == "quit":
            break
        elif cmd == "bootstrap":
            deadline = time.time() + TIMEOUT
            while ses.status().dht_nodes == 0 and time.time() < deadline:
                time.sleep(0.1)
            print("bootstrapped %d" % ses.status().dht_nodes, flush=True)
        elif cmd == "announce":
            # session.dht_announce is unusable from Python in libtorrent 2.0.8 (arvidn/libtorrent#7441),
            # so announce the way a client does: add the torrent and let it announce to the DHT.
            atp = lt.add_torrent_params()
            atp.info_hashes = lt.info_hash_t(lt.sha1_hash(bytes.fromhex(args[0])))
            atp.save_path = save_path
            h = ses.add_torrent(atp)
            h.force_dht_announce()
            print("announcing %d" % ses.listen_port(), flush=True)
        elif cmd == "get_peers":
            target = lt.sha1_hash(bytes.fromhex(args[0]))
            ses.dht_get_peers(target)
            peers = wait_for(ses, lambda a: a.peers() if isinstance(a, lt.dht_get_peers_reply_alert)
                             and a.info_hash == target else None)
            print("peers " + " ".join("%s:%d" % p for p in (peers or [])), flush=True)
        elif cmd == "put_immutable":
            target = ses.dht_put_immutable_item(bytes.fromhex(args[0]))
            n = wait_for(ses, lambda a: a.num_success if isinstance(a, lt.dht_put_alert)
                         and a.target == target else None)
            print("put %s %s" % (target, n), flush=True)
        elif cmd == "get_immutable":
            target = lt.sha1_hash(bytes.fromhex(args[0]))
            ses.dht_get_immutable_item(target)
            item = wait_for(ses, lambda a: a.item if isinstance(a, lt.dht_immutable_item_alert)
                            and a.target == target else None)
            print("item " + (value_hex(item) if item is not None else "none"), flush=True)
        elif cmd == "put_mutable":
            pk, sk, salt, value = (hex_arg(x) for x in args[:4])
            ses.dht_put_mutable_item(sk, pk, value, salt)
            r = wait_for(ses, lambda a: (a.seq, a.num_success) if isinstance(a, lt.dht_put_alert)
                         and bytes(a.public_key) == pk else None)
            print("put_mutable %s %s" % r if r else "put_mutable none", flush=True)
        elif cmd == "get_mutable":
            pk, salt = hex_arg(args[0]), hex_arg(args[1])
            ses.dht_get_mutable_item(pk, salt)
            r = wait_for(ses, lambda a: (a.seq, value_hex(a.item)) if isinstance(a, lt.dht_mutable_item_alert)
                         and bytes(a.key) == pk and a.authoritative else None)
            print("mutable %s %s" % r if r else "mutable none", flush=True)
        else:
            print("error unknown command " + cmd, flush=True)


if __name__ == "__main__":
    main()
