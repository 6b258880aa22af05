/**
 * Port contract tests: abstract JUnit 5 classes that every adapter (in memory, JDBC, third
 * party) subclasses to prove it keeps the port's guarantees. Shipped in the core test-jar.
 */
@NullMarked
package dev.leadkit.core.testkit;

import org.jspecify.annotations.NullMarked;
