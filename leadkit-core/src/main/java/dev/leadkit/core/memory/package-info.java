/**
 * In-memory adapters for every port, obtained through {@link dev.leadkit.core.memory.InMemory}.
 * They are the engine's defaults and pass the same contract tests as the JDBC adapters.
 */
@NullMarked
package dev.leadkit.core.memory;

import org.jspecify.annotations.NullMarked;
