package org.chasqui.pubsub;

/**
 * Where a service keeps the payloads of the items it publishes: {@link #HEAP} (tests, benchmarks, a
 * service without a journal), or persistence, whose payloads hold the XML until their record is in the
 * journal and then read it back from there.
 */
@FunctionalInterface
public interface PayloadStore {

    /** Payloads on the heap. */
    PayloadStore HEAP = Payload::inline;

    /** The payload of a newly published item. */
    Payload keep(String xml);
}
