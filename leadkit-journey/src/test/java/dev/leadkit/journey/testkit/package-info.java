/**
 * Contract tests for the journey ports, shipped in the leadkit-journey test-jar: extend a
 * class here and return your adapter from the factory method to run the whole contract
 * against it (the in-memory adapters and leadkit-jdbc do).
 */
@NullMarked
package dev.leadkit.journey.testkit;

import org.jspecify.annotations.NullMarked;
