package a1.dht.store;

/** What a storing node did with a put, mapped to BEP 44 error codes by the RPC layer. */
public enum PutOutcome {
    STORED,
    INVALID_SIGNATURE,
    CAS_MISMATCH,
    SEQ_TOO_LOW,
    STORE_FULL
}
