package a1.peer.routing;

import a1.spec.wire.CacheType;
import a1.spec.wire.Encoding;

/** What every peer session of one client sequence is opened with. */
record SessionSpec(String modelId, int capacity, CacheType cache, Encoding encoding, int dim) {}
