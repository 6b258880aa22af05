package dev.leadkit.core.internal;

/**
 * Marks a store whose data lives in this process only, so no other engine can write to it
 * behind this engine's back. The segment engine keeps its in-memory behaviour cache on by
 * default only over such a touchpoint log. Not API.
 */
public interface ProcessLocal {}
