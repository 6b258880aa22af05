/**
 * The journey engine's storage ports: enrolments (with a due-time index and leased claims),
 * the send log the policies read, and per-journey counters. Each has a thread-safe in-memory
 * adapter in {@code dev.leadkit.journey.memory} and a contract test in the module's test-jar
 * ({@code dev.leadkit.journey.testkit}).
 */
@NullMarked
package dev.leadkit.journey.port;

import org.jspecify.annotations.NullMarked;
