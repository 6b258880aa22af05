/**
 * The ports through which leadkit reaches storage and delivery. Each is small, states what it
 * guarantees, and has an in-memory adapter in {@code dev.leadkit.core.memory} and a contract
 * test in the core test-jar.
 */
@NullMarked
package dev.leadkit.core.port;

import org.jspecify.annotations.NullMarked;
