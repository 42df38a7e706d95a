package org.chasqui.persistence.log;

/**
 * When an append counts as done, i.e. when its future completes and the change may be acknowledged.
 */
public enum Durability {

    /**
     * The record is in the queue's memory-mapped file: it survives the process being killed (the page
     * cache belongs to the OS), not an OS crash or a power loss. The OS writes it back when it likes.
     */
    PROCESS,

    /**
     * The record has been forced to the storage device ({@code fdatasync} of the cycle file, through
     * {@link java.nio.channels.FileChannel#force}). Appends are committed in groups: the writer thread
     * writes every append waiting for it, forces once, then completes all their futures.
     */
    OS
}
